# The chapter's four-stage example, "x = 1 + 2", without the tokenize/ast/dis
# modules: the program itself is what goes through the stages.
x = 1 + 2
print(x)
source = "x = 1 + 2"
print(source.split())
print(len(source))
