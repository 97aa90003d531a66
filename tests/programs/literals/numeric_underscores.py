# Numeric literal forms and the tokenizer's number rules.
print(1_0, 0x_F, 1_0.0_1, 1e1_0, 1_0e-1)
print(.5, 5., 5.e1, 0e0, 0.0e-0)
print(0xAbCdEf, 0o1234567, 0b10101010)
x = 1 if True else 2
print(x)
print(1 .bit_length(), (255).bit_length(), 0 .real)
print(1.5.is_integer(), 2.0.is_integer())
print(int("0x1f", 16), int("1f", 16), int("0b101", 0), int("0o17", 0), int(" 42 "), int("-7"))
print(int("1_000"), float("1_0.5"))
