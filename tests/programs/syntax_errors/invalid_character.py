# A character that is not valid in Python source.
x = 1 € 2
