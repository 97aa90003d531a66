# Dict and set comprehensions.
print({x: x * x for x in range(6)})
print({k: v for k, v in [("a", 1), ("b", 2), ("a", 3)]})  # later key wins
print({v: k for k, v in {"x": 1, "y": 2}.items()})
print({w: len(w) for w in "the quick brown fox".split() if len(w) > 3})
print(sorted({x % 5 for x in range(100)}))
print({x % 3 for x in range(10)} == {0, 1, 2})
print(sorted({c for c in "mississippi"}))
print({(i, j): i * j for i in range(2) for j in range(2)})
print({i: [j for j in range(i)] for i in range(4)})
counts = {}
for ch in "abracadabra":
    counts[ch] = counts.get(ch, 0) + 1
print({k: v for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))})
print(type({x for x in ()}).__name__, type({x: x for x in ()}).__name__)
