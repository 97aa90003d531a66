# Subclasses of str, bytes and bytearray (CPython allows them; gilkit
# currently raises "type 'str' is not an acceptable base type").
class Name(str):
    def shout(self):
        return self.upper() + '!'

n = Name('bob')
print(n, repr(n), n.shout(), len(n), n == 'bob', isinstance(n, str))
print(type(n).__name__, type(n + 'x').__name__, type(n.upper()).__name__)
print({n: 1}['bob'], n in {'bob'}, sorted([Name('b'), Name('a')]))


class Tagged(str):
    def __new__(cls, value, tag):
        obj = super().__new__(cls, value)
        obj.tag = tag
        return obj

t = Tagged('hello', 'greeting')
print(t, t.tag, t.title(), f'{t:>8}|', '%s' % t)


class Raw(bytes):
    def hexed(self):
        return self.hex()

r = Raw(b'\x01\xff')
print(r, r.hexed(), len(r), r[0], type(r[:1]).__name__, r == b'\x01\xff')


class Buffer(bytearray):
    def push(self, b):
        self.append(b)
        return self

buf = Buffer(b'ab').push(99)
print(buf, len(buf), bytes(buf), type(buf).__name__)
