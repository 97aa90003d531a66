# A lambda parameter without a default after one with a default.
f = lambda x=1, y: x
