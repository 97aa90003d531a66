# raise ... from ...: the last line is the outer exception.
def lookup(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise LookupError(f"no entry for {k!r}") from e

lookup({}, "x")
