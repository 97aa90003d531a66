# Logical lines: backslash continuation, implicit joining, semicolons,
# comments, blank lines and one-line compound statements.
total = 1 + \
    2 + \
    3
print(total)
values = [
    1,  # a comment inside brackets
    2,

    3,
]
print(values)
d = {"a": 1,
     "b": 2}
print(d)
x = 1; y = 2; z = x + y
print(x, y, z)
if z: print("one-line if")
for i in range(2): print("one-line for", i)
while False: pass
def one_liner(): return "one-line def"
print(one_liner())
class OneLine: attr = "one-line class"
print(OneLine.attr)
result = (1 +
          2 *
          3)
print(result)
print("a"
      "b"
      "c")
   # an indented comment line does not matter
print("after odd comment")
if True:
    pass
    # comment at the end of a block
print("done")  # trailing comment
