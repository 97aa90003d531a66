# printf-style % formatting.
print("%s and %s" % ("a", "b"), "%d items" % 5, "%5d|%-5d|" % (42, 42), "%05d" % 42, "%+d" % 7)
print("%.2f" % 3.14159, "%10.3f|" % 2.5, "%e" % 12345.678, "%g" % 0.0001, "%g" % 1e20, "%.0f" % 2.5)
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8), "%c%c" % (72, "i"), "%r" % "quoted", "%s" % [1, 2])
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "100%%" % (), "%s" % (1,), "%s" % ((1, 2),))
print("%*d|" % (6, 42), "%-*s|" % (6, "ab"), "%.*f" % (1, 2.25), "%.3s" % "abcdef")
print("%d" % 3.99, "%i" % -2, "%s %s" % (None, True), "%a" % "é", "%5s|" % "x", "%-5s|" % "x")
for fmt, args in (("%d", "x"), ("%s %s", ("one",)), ("%s", (1, 2)), ("%z", 1)):
    try:
        print(fmt % args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
