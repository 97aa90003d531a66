# sys.exit deep in the call stack with a status code.
import sys

def finish(code):
    print("finishing with", code)
    sys.exit(code)

def main():
    finish(4)
    print("never")

main()
