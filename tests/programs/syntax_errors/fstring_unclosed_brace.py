# An f-string replacement field that is never closed.
name = "x"
s = f"hello {name"
