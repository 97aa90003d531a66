# An f-string with an empty replacement field.
s = f"empty {}"
