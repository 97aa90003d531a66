# Mixed int/float/bool arithmetic and the TypeErrors for unsupported operands.
print(1 + 2.0, 3 * 1.5, 2 ** 0.5 * 2 ** 0.5, 10 // 3.0, 10 % 3.0, True + 0.5)
print(2**100 + 0.5, 2**100 * 1.0, 7 / 2**70)
for expr, f in [("1 + 'a'", lambda: 1 + "a"), ("'a' + 1", lambda: "a" + 1),
                ("[] + ()", lambda: [] + ()), ("'a' * 'b'", lambda: "a" * "b"),
                ("None + 1", lambda: None + 1), ("{} - {}", lambda: {} - {}),
                ("1 - 'x'", lambda: 1 - "x"), ("'x' / 2", lambda: "x" / 2),
                ("-'a'", lambda: -"a"), ("~1.5", lambda: ~1.5),
                ("[1] * 1.5", lambda: [1] * 1.5), ("1 & 1.0", lambda: 1 & 1.0),
                ("2 ** 'x'", lambda: 2 ** "x"), ("'%d' % 'x'", lambda: "%d" % "x")]:
    try:
        f()
    except TypeError as e:
        print(f"{expr:<12} TypeError: {e}")
