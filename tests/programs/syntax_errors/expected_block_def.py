# A def with nothing after the colon at the end of the file.
def f():
