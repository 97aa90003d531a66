# String literals: quotes, escapes, prefixes, triple quotes, concatenation.
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'tab\there', 'new\nline')
print('\\backslash', '\x41\x42', '\101', '\u00e9', '\U0001F600' == '\U0001f600')
print(len('\u00e9'), len('\U0001F600'), ord('\u00e9'))
print(r'raw\n', R'raw\t', r'\d+\.\d*')
print('adjacent' ' strings' " concatenate")
s = """line one
line two
    indented"""
print(s)
print(s.splitlines())
print('''a 'quoted' "mix"''')
t = ("implicit "
     "joining "
     "inside parens")
print(t)
print('back\
slash continuation')
print(repr('\0'), repr('\a\b\f\v\r'), repr('\x7f'), repr('é'), repr('日本'))
print(repr("'"), repr('"'), repr("'\""), repr('\\'))
print(f'{1 + 1}', F'{"x"}', rf'{2}\n', fR'{3}\t', Rf'\d{4}')
print('' == "", len(''), len(""""""))
print("unicode: \u65e5\u672c\u8a9e", len("日本語"))
