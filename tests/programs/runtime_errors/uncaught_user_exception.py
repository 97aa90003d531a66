# A user-defined exception class, uncaught.
class ValidationError(Exception):
    pass

def validate(x):
    if x < 0:
        raise ValidationError(f"negative value: {x}")
    return x

validate(1)
validate(-5)
