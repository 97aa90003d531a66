# A number directly followed by letters.
x = 123abc
