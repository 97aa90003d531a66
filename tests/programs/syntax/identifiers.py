# Identifiers: Unicode letters, underscores, keywords as attribute-like names.
café = "coffee"
π = 3.14159
_private = 1
__dunder_like = 2
ñ_2 = "ñ"
Ünïcödé = "works"
print(café, π, _private, __dunder_like, ñ_2, Ünïcödé)
def naïve(x):
    return x * 2
print(naïve(21), naïve.__name__)
class Größe:
    wert = 10
print(Größe.__name__, Größe.wert)
_ = "underscore name"
print(_)
match = "soft keyword as a name"
case = 5
type_ = "trailing underscore"
print(match, case, type_)
print("keywords stay keywords")
