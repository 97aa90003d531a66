# An opening parenthesis that is never closed.
print("start")
x = (1,
     2,
y = 3
