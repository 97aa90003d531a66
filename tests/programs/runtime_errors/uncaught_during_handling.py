# An exception raised while handling another one.
try:
    [][0]
except IndexError:
    {}["k"]
