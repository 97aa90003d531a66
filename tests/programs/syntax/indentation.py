# Indentation: nested blocks, mixed depths, dedent to several levels at once.
def f(n):
    if n > 0:
        for i in range(n):
            if i % 2:
                    print("  deep odd", i)  # deeper indent inside a block is fine
            else:
              print("  shallow even", i)
    return "done"
print(f(3))
class A:
        x = 1
        def m(self):
         return self.x
print(A().m())
if True:
	print("tab-indented block")
	if True:
		print("two tabs")
print("back at top level")
