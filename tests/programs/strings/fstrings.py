# f-strings: expressions, conversions, format specs, nesting, = specifier.
x, name, pi, big = 42, "gilkit", 3.14159265, 1234567.891
print(f"{x}", f"{x:>10}|", f"{x:<10}|", f"{x:^10}|", f"{x:*^10}", f"{x:010}", f"{x:+}", f"{-x:5}")
print(f"{pi:.3f}", f"{pi:10.2f}|", f"{pi:e}", f"{pi:.0f}", f"{2.5:.0f}", f"{pi:g}", f"{pi:%}")
print(f"{big:,}", f"{big:,.2f}", f"{1234567:,}", f"{1234567:_}", f"{10**12:,}")
print(f"{name!r}", f"{name!s}", f"{name!a}", f"{'é'!a}", f"{name:>10}", f"{name!r:>10}")
print(f"{x=}", f"{pi=:.2f}", f"{name = }", f"{x * 2=}", f"{name=!r}", f"{x=:>5}")
print(f"{x:x} {x:X} {x:o} {x:b} {x:#x} {x:#b} {255:08b}")
print(f"{'nested ' + name.upper()}", f"{[i * i for i in range(4)]}", f"{ {'k': 1}['k'] }", f"{(lambda v: v + 1)(x)}")
width, prec = 12, 3
print(f"{pi:{width}.{prec}f}|", f"{name:{'>' if x > 0 else '<'}{width}}|")
print(f"{{braces}}", f"{{{x}}}", f"a{'b'}c", f"{x}{x}", f"{x!s:>4}")
print(f"multi {x} "
      f"part {name}")
print(f"""triple {x}
quoted {name}""")
print(f"{3 if x > 40 else 4}", f"{'yes' if x else 'no'}", f"{x > 40}", f"{None}", f"{True!r}")
d = {"a": 1}
print(f"{d['a']}", f"{d}", f"{len(d)}")
class Obj:
    def __format__(self, spec):
        return f"<{spec}>"
    def __repr__(self):
        return "Obj()"
print(f"{Obj():abc}", f"{Obj()!r}", f"{Obj()}")
print(f"{0.1 + 0.2}", f"{1e16}", f"{-0.0}", f"{float('inf')}", f"{2**100}")
