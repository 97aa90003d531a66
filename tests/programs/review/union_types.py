# PEP 604 unions (X | Y) on types: isinstance/issubclass with a union, and
# annotations such as `x: int | None`, which 3.11 evaluates at def time.
print(int | str, int | None, (int | str).__args__)
print(isinstance(3, int | str), isinstance(None, int | None), isinstance(2.5, int | str))
print(issubclass(bool, int | str), (int | str) == (str | int))


def lookup(key: str | None = None, default: int | float = 0) -> list[int] | None:
    return None if key is None else [len(key), default]


print(lookup(), lookup('abc', 2.5), lookup.__annotations__['key'])


class Node:
    def __init__(self, value: int, next: 'Node | None' = None):
        self.value, self.next = value, next


print(Node(1, Node(2)).next.value)
