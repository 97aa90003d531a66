# strip, replace, find, startswith, case methods, predicates, padding.
s = "Hello, World"
print(s.upper(), s.lower(), s.swapcase(), s.title(), "hello world".capitalize(), "hELLO".capitalize())
print("  pad  ".strip() + "|", "  pad  ".lstrip() + "|", "  pad  ".rstrip() + "|", "xxhixx".strip("x"), "abcba".strip("ab"))
print(s.replace("l", "L"), s.replace("l", "L", 2), s.replace("xyz", "!"), "aaa".replace("a", "bb"), "abc".replace("", "-"))
print(s.find("o"), s.find("o", 5), s.find("zz"), s.rfind("o"), s.index("W"), s.rindex("l"), s.count("l"), s.count(""))
print(s.startswith("Hell"), s.startswith(("x", "He")), s.endswith("ld"), s.endswith("ld", 0, 5), s.startswith("World", 7))
print("123".isdigit(), "12a".isdigit(), "abc".isalpha(), "ab1".isalnum(), "   ".isspace(), "".isspace(), "Ab".isupper(), "ab".islower())
print("Title Case".istitle(), "x_1".isidentifier(), "1x".isidentifier(), "abc".isascii(), "é".isascii(), "123".isnumeric(), "1.5".isdecimal())
print("7".zfill(3), "-7".zfill(4), "ab".center(6, "*"), "ab".ljust(5, ".") + "|", "ab".rjust(5), "tab\there".expandtabs(4))
print("prefix_name".removeprefix("prefix_"), "file.txt".removesuffix(".txt"), "same".removeprefix("x"))
print("a-b_c d".translate({ord("-"): "+", ord("_"): None}), "hello".title(), "they're bill's".title())
print("%".join("abc").upper(), "abc" * 0, "ab" < "b", "Z" < "a", "é" > "z", max("azby"))
