# A closing bracket of the wrong kind.
x = (1, 2]
