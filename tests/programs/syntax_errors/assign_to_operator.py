# Assignment to an expression.
a + 1 = 2
