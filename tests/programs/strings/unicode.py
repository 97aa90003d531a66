# Unicode strings: code points, lengths, case mapping, escapes, iteration.
s = "héllo wörld ✓ 😀"
print(s, len(s), s.upper(), s.title())
print([ord(c) for c in "é✓😀"], "\u00e9" == "é", "\U0001F600" == "😀", "\xe9" == "é")
print(len(s.split()), s.find("✓"), s[-1], s[::-1])
print("ÅÉÎ".lower(), "straße".upper(), "σ".upper(), "ÉCOLE".lower(), "ǅ".title())
print("٣".isdigit(), "½".isnumeric(), "½".isdigit(), "é".isascii(), "ü".isalpha())
print(repr("é"), repr("\u200b"), repr("😀"), repr("\x85"), ascii("é😀"))
print(sorted(["é", "e", "z", "a", "É"]), "é" < "f")
print("日本語".center(9, "*"), "中文".ljust(4, "-"))
print(chr(0x1F600), hex(ord("€")), "\u2014", len("🇫🇷"))
