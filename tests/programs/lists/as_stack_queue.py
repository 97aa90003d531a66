# Lists used as stacks, queues, and for bulk building.
stack = []
for c in "abc":
    stack.append(c)
out = []
while stack:
    out.append(stack.pop())
print(out)
queue = list(range(5))
served = []
while queue:
    served.append(queue.pop(0))
    if len(served) == 2:
        queue.append("late")
print(served)
big = []
for i in range(100000):
    big.append(i)
print(len(big), big[-1], sum(big))
big = big[::1000]
print(len(big), big[:5])
del big[10:]
print(big)
def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = []
    for ch in text:
        if ch in "([{":
            st.append(ch)
        elif ch in pairs:
            if not st or st.pop() != pairs[ch]:
                return False
    return not st
print([balanced(t) for t in ("([]{})", "([)]", "((", "")])
