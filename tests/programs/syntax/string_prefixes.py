# Every string prefix form the tokenizer must accept.
name = "x"
forms = [
    'plain', "plain", r'raw\n', R"raw\t", u'unicode prefix', U"U",
    f'f {name}', F"F {name}", rf'rf {name}\n', fr"fr {name}\t", Rf'Rf\d', fR"fR\w", RF'{name}', FR"{name}",
    '''triple''', """triple""", r'''raw triple \n''', f'''f triple {name}''', rf"""rf triple {name}\d""",
]
for s in forms:
    print(repr(s))
bs = [b'bytes', B"B", br'br\n', rb"rb\t", Rb'Rb', bR"bR", RB'RB', BR"BR", b'''tb''']
print(bs)
print(f"{'nested quotes'}", f'{"other"}', f"{name!r:>6}", f"{{}}", f"{'{'}")
