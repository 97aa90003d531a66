# A triple-quoted string that runs to the end of the file.
doc = """starts here
and goes on
