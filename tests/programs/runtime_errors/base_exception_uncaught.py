# A BaseException subclass that is not an Exception, uncaught.
class Abort(BaseException):
    pass

try:
    raise Abort("aborting")
except Exception:
    print("never: Abort is not an Exception")
