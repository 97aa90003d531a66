# sys.stdout.write / sys.stderr.write (the last stderr line is checked).
import sys
n = sys.stdout.write("written with sys.stdout.write\n")
print(n)
sys.stdout.write("no newline;")
sys.stdout.write(" continued\n")
print(sys.stdout.write(""))
sys.stderr.write("a line on stderr\n")
print("after stderr")
print("stderr via print", file=sys.stderr)
