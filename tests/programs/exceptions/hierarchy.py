# The built-in exception hierarchy (the parts the VM must provide).
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (ArithmeticError, Exception), (KeyError, LookupError), (IndexError, LookupError),
    (LookupError, Exception), (UnboundLocalError, NameError), (NameError, Exception),
    (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
    (ModuleNotFoundError, ImportError), (IndentationError, SyntaxError),
    (TabError, IndentationError), (StopIteration, Exception),
    (GeneratorExit, BaseException), (GeneratorExit, Exception),
    (KeyboardInterrupt, BaseException), (KeyboardInterrupt, Exception),
    (SystemExit, BaseException), (SystemExit, Exception), (Exception, BaseException),
    (AssertionError, Exception), (AttributeError, Exception), (TypeError, Exception),
    (ValueError, Exception), (UnicodeError, ValueError), (OSError, Exception),
    (FileNotFoundError, OSError), (StopAsyncIteration, Exception), (bool, int),
]
for sub, base in pairs:
    print(f"{sub.__name__:<20} {base.__name__:<15} {issubclass(sub, base)}")
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in TabError.__mro__])
try:
    raise RecursionError("custom")
except RuntimeError as e:
    print("RecursionError caught as RuntimeError:", e)
try:
    raise KeyboardInterrupt
except Exception:
    print("never")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
