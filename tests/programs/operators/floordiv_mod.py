# Floor division and modulo round towards negative infinity.
for a in (7, -7):
    for b in (2, -2, 3, -3):
        print(f"{a:>2} // {b:>2} = {a // b:>3}   {a:>2} % {b:>2} = {a % b:>3}   divmod = {divmod(a, b)}")
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(-1 // 10, -1 % 10, 1 % -10, -10 % 10, 0 % 5)
print(2**100 // -3, 2**100 % -3, -(2**100) // 7, -(2**100) % 7)
print(divmod(-(10**25), 3), divmod(10**25, -3))
print(5 % 0.5, 5.5 % 1, -0.0 % 5, 3 // 0.7)
