# An exception raised without arguments shows just its name.
raise RuntimeError
