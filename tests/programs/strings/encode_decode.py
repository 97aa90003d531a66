# str <-> bytes: encode/decode with utf-8, ascii, latin-1 and error handlers; str(bytes, encoding).
s = "aé€😀"
print(s.encode(), s.encode("utf-8"), "é".encode("latin-1"), "abc".encode("ascii"), len(s.encode()))
print(s.encode("ascii", "replace"), s.encode("ascii", "ignore"), s.encode("ascii", "backslashreplace"), s.encode("ascii", "xmlcharrefreplace"))
raw = b"a\xff\xfeb\xc3\xa9"
print(raw.decode("utf-8", "replace"), raw.decode("utf-8", "ignore"), raw.decode("utf-8", "backslashreplace"), raw.decode("latin-1"))
print(str(b"caf\xc3\xa9", "utf-8"), str(b"caf\xe9", encoding="latin_1"), str(b"abc", "ascii"), str(b"x", "UTF8"), str(errors="strict"))
for expr in ("'aé€'.encode('ascii')", "'aé€😀'.encode('latin-1')", "'aéb'.encode('ascii')", "b'\\xff'.decode()",
             "b'\\xe9A'.decode()", "b'\\xf0\\x9f\\x41'.decode()", "b'\\xf0\\x9f\\x98'.decode()", "b'a\\xe9'.decode('ascii')",
             "str(1, 'utf-8')", "str('a', 'utf-8')", "'a'.encode('nope')", "b'\\xff'.decode('utf-8', 'nope')"):
    try:
        print(eval(expr))
    except Exception as e:
        print(type(e).__name__ + ":", e)
try:
    "aé".encode("ascii")
except UnicodeEncodeError as e:
    print(e.args, e.start, e.end, e.reason, e.encoding, e.object)
try:
    b"a\xff".decode()
except UnicodeDecodeError as e:
    print(e.args, e.start, e.end, e.reason, e.encoding, e.object, isinstance(e, ValueError))

