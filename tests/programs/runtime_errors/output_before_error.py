# stdout written before the error must still appear (flushed at exit).
for i in range(3):
    print("line", i)
print("partial", end="")
raise ValueError("after output")
