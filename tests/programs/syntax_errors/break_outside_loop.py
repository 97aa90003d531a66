# break with no loop.
if True:
    break
