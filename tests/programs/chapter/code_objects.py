# The chapter's outer/inner closure and its code-object attributes.
# co_consts is not printed (its layout depends on the bytecode); the inner
# code object is reached through the returned function instead.
def outer():
    x = 10
    def inner():
        return x
    return inner

print(type(outer.__code__))
code = outer.__code__
print(f"co_name: {code.co_name}")
print(f"co_firstlineno:{code.co_firstlineno}")
print(f"co_varnames: {code.co_varnames}")
print(f"co_freevars: {code.co_freevars}")
print(f"co_cellvars: {code.co_cellvars}")
f = outer()
inner_code = f.__code__
print(f"inner name: {inner_code.co_name}")
print(f"inner freevars: {inner_code.co_freevars}")
print(f"inner cellvars: {inner_code.co_cellvars}")
print(f"inner varnames: {inner_code.co_varnames}")
print(f"inner firstlineno: {inner_code.co_firstlineno}")
print(f())
print(type(f.__closure__), len(f.__closure__))
print(f.__closure__[0].cell_contents)
print(outer.__closure__)
print(inner_code.co_filename == code.co_filename)

def many(a, b, *args, c, d=1, **kw):
    e = a + b
    return e
mc = many.__code__
print(mc.co_argcount, mc.co_kwonlyargcount, mc.co_posonlyargcount)
print(mc.co_varnames)
print(mc.co_nlocals)
