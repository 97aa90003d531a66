# '=' where a comparison was meant, inside an if.
if x = 1:
    pass
