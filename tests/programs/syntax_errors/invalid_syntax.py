# Two operators in a row.
x = 1 +* 2
