# Adding a str to an int.
count = 3
label = "items: " + count
