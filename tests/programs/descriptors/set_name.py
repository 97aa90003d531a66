# __set_name__ is called at class creation with the owner and the name.
class Named:
    def __set_name__(self, owner, name):
        print(f"  __set_name__({owner.__name__}, {name!r})")
        self.owner, self.name = owner, name
    def __get__(self, obj, objtype=None):
        return f"{self.name} of {self.owner.__name__}"

print("defining")
class Model:
    first = Named()
    second = Named()
    not_a_descriptor = 5
print("defined")
print(Model.first, Model().second)
shared = Named()
class A:
    x = shared
class B:
    y = shared  # called again: the last owner wins
print(shared.name, shared.owner.__name__)
class NoSetName:
    pass
class Holder:
    n = NoSetName()  # plain objects are left alone
print(type(Holder.n).__name__)
late = Named()
Model.late = late  # assignment after creation does not call __set_name__
print(hasattr(late, "name"))
