# The chapter's four stages, on a program that exercises the lexer.
x = 1 + 2


def add(a, b):
    return a + b


class Point:
    """A point."""

    def __init__(self, x=0.5, y=1e-3):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y:>8.3f})"


values = [0x1F, 0o17, 0b101, 1_000_000, 3.14j, b"\x00raw", r"\d+", '''triple
quoted''']
total = sum(v for v in range(10) if v % 2 == 0)
print(add(x, total), Point(), values[0] if values else None)
