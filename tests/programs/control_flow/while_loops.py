# while loops with else, break and continue.
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n =", n)
else:
    print("while-else runs when the condition becomes false")

n = 0
while True:
    n += 1
    if n > 3:
        break
    print("loop", n)
else:
    print("never printed: loop ended with break")
print("after break, n =", n)

count = 0
while count < 3:
    count += 1
else:
    print("else after", count)

while False:
    print("never")
else:
    print("else of a loop that never ran")

i = 10
total = 0
while i:
    i -= 1
    if i % 3 == 0:
        continue
    total += i
print("total", total)

# nested loops with break only leaving the inner one
i = 0
while i < 3:
    j = 0
    while True:
        if j == i:
            break
        j += 1
    print("i", i, "j", j)
    i += 1
