# list methods: append, extend, insert, pop, remove, index, count, sort, reverse, copy, clear.
lst = [3, 1, 4]
lst.append(1); print(lst)
lst.extend([5, 9]); print(lst)
lst.extend("ab"); print(lst)
lst.extend(range(2)); print(lst)
lst.insert(0, "first"); lst.insert(-1, "before-last"); lst.insert(100, "end"); lst.insert(-100, "start"); print(lst)
print(lst.pop(), lst.pop(0), lst.pop(2), lst)
lst.remove(1); print(lst)
print(lst.index(1), lst.index("a"), lst.count(1), lst.count("zz"), lst.index(9, 2))
nums = [5, 3, 8, 1]
nums.sort(); print(nums)
nums.sort(reverse=True); print(nums)
nums.reverse(); print(nums)
c = nums.copy(); c.append(0); print(nums, c)
nums.clear(); print(nums, len(nums))
print([].append(1), [2].sort(), [3].reverse())  # mutating methods return None
words = ["banana", "Apple", "cherry"]
words.sort(key=str.lower); print(words)
words.sort(key=len, reverse=True); print(words)
nested = [[1, 2], [3]]
shallow = nested.copy()
shallow[0].append(99)
print(nested, shallow[0] is nested[0])
for f in (lambda: [].pop(), lambda: [1].pop(5), lambda: [1].remove(2), lambda: [1].index(2), lambda: [1, "a"].sort()):
    try:
        f()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
