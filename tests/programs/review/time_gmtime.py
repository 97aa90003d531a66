# time.gmtime / time.strftime / time.struct_time on fixed timestamps
# (deterministic: no local time zone involved).
import time
t = time.gmtime(0)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday)
print(tuple(time.gmtime(86400 * 365 + 3661))[:6])
print(time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(1_000_000_000)))
print(time.strftime('%a %b %d %j', time.gmtime(1_700_000_000)))
print(isinstance(time.gmtime(), time.struct_time))
