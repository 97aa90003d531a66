# The error is on the last line: nothing before it may run.
print("this must not be printed: the whole file is compiled first")
def ok():
    return 1
x = [1, 2
