# golden: args=first second --flag=3
# sys.argv: the script name as given, then the arguments.
import sys
print(sys.argv)
print(len(sys.argv), sys.argv[0], sys.argv[1:])
print(type(sys.argv).__name__, all(isinstance(a, str) for a in sys.argv))
