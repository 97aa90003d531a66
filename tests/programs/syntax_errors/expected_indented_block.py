# A compound statement with no indented body.
if True:
print("not indented")
