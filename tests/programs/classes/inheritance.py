# Single inheritance: overriding, extending, isinstance/issubclass.
class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def kind(self):
        return "animal"

class Dog(Animal):
    sound = "woof"

    def kind(self):
        return "dog, a kind of " + super().kind()

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return Animal.speak(self) + " (softly)"

a, d, p = Animal("generic"), Dog("rex"), Puppy("bit", 1)
for x in (a, d, p):
    print(x.speak(), "|", x.kind())
print(p.name, p.age)
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy), issubclass(Dog, Dog), issubclass(Dog, object))
print(issubclass(Dog, (int, Animal)), isinstance(d, (str, Dog)))
print(Puppy.__bases__, Puppy.__base__, Animal.__bases__)
print([c.__name__ for c in Puppy.__mro__])
print(Dog.__subclasses__() == [Puppy])
print("speak" in Dog.__dict__, "kind" in Dog.__dict__)
class Base:
    def template(self):
        return f"[{self.hook()}]"
    def hook(self):
        return "base"
class Derived(Base):
    def hook(self):
        return "derived"
print(Base().template(), Derived().template())
