# An uncaught FileNotFoundError: the traceback names the OSError subclass.
with open("this_file_does_not_exist.txt") as f:
    print(f.read())
