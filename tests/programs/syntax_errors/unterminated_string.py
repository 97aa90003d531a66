# A single-quoted string that runs to the end of the line.
s = "never closed
print(s)
