# Name resolution: local, enclosing, global, builtin; shadowing builtins.
x = "global"
def f():
    x = "enclosing"
    def g():
        x = "local"
        return x
    def h():
        return x
    return g(), h()
print(f())
print(len("abc"))
def shadow_builtin():
    len = lambda s: "shadowed"
    return len("abc")
print(shadow_builtin(), len("abc"))
len = lambda s: "global shadow"
print(len("abc"))
del len
print(len("abc"))

def unbound():
    try:
        print(y)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    y = 1
y = "global y"
unbound()

def uses_global_before_assignment_elsewhere():
    return z
try:
    uses_global_before_assignment_elsewhere()
except NameError as e:
    print("NameError:", e)
z = "now defined"
print(uses_global_before_assignment_elsewhere())
try:
    undefined_name_abc
except NameError as e:
    print("NameError:", e)
def loop_var_scope():
    for i in range(3):
        pass
    return i
print(loop_var_scope())
