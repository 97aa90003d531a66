# A starred target on its own.
*a = [1, 2]
