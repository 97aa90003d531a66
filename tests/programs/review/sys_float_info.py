# sys.float_info, sys.int_info and sys.hash_info: common in numeric code
# (epsilon tolerances, maximum floats). Values are CPython's on x86-64.
import sys
fi = sys.float_info
print(fi.max, fi.min, fi.epsilon, fi.dig, fi.mant_dig, fi.radix)
print(fi.max_exp, fi.min_exp, fi.max_10_exp, fi.min_10_exp)
print(abs(0.1 + 0.2 - 0.3) < fi.epsilon * 4, fi[0] == fi.max, len(fi))
print(sys.hash_info.width, sys.hash_info.modulus == 2 ** 61 - 1, sys.hash_info.inf)
print(sys.maxsize == 2 ** 63 - 1, sys.float_repr_style)
