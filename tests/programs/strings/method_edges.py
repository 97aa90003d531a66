# str methods and %-formatting: argument handling, edge cases and CPython's error messages.
tests = r'''
'abc'.startswith('', 4)
'abc'.startswith('', 3)
'abc'.endswith('', 3, 2)
'abc'.find('', 4)
'abc'.find('', 3)
'abc'.rfind('', 1, 2)
'abc'.count('', 10)
'abc'.count('', 0, 10)
'abc'.count('', 2, 1)
'a'.upper(1)
'a'.find()
'a'.find(1,2,3,4)
'a'.find(1)
'a'.split(1,2,3)
'a'.split(1)
'a'.split('')
'a'.rsplit(1)
'a'.replace()
'a'.replace(1,'a')
'a'.replace('a',1)
'a'.startswith()
'a'.startswith(1)
'a'.startswith((1,))
'a'.removeprefix()
'a'.removeprefix(1)
'a'.join()
'a'.join(5)
'a'.join([1])
'a'.join(['x',2])
'a'.strip(1)
'a'.lstrip(1)
'a'.center()
'a'.center('a')
'a'.center(5, 'ab')
'a'.center(5, 1)
'a'.partition('')
'a'.partition(1)
'a'.rpartition(1)
'a'.encode(1)
'a'.encode('utf-8', 1)
'a'.zfill('a')
'a'.expandtabs('a')
'a'.count(1)
'a'.index('b')
'a'.rindex('b')
'a'.find('a', 'x')
'a'.find('a', 1.5)
'a'.translate(5)
str.maketrans(1)
str.maketrans({'ab':1})
str.maketrans('ab','c')
str.maketrans(1,2)
str.maketrans('a','b',1)
'abc'.translate({97: 'xy', 98: None, 99: 300})
'abc'.translate({97: 1.5})
'abc'.translate({97: -1})
'abc'.translate({97: 0x110000})
'a'.splitlines(1, 2)
'a\nb'.splitlines(True)
'a'.isdigit(1)
'a'.ljust(3, 'é')
'Σ'.lower()
'AΣ'.lower()
'AΣ b'.lower()
'AΣb'.lower()
'A.Σ'.lower()
'ΑΣ'.casefold()
"ﬁ".upper()
"ǆ".title()
"hello wORLD it's 3rd".title()
"ßx".capitalize()
"ǆx".capitalize()
'ΑΣ'.swapcase()
'aΣ'.swapcase()
'a'.split(maxsplit=1.5)
'a b c'.split(None, 1)
'  a b c  '.rsplit(None, 1)
'a'.split(sep=None, maxsplit=-5)
'a'.encode(encoding='ascii', errors='strict')
'a'.format_map(1)
'abc'.expandtabs(tabsize=4)
'a'.__getnewargs__()
'a'.zfill(-1)
'-42'.zfill(6)
'+'.zfill(3)
'a\tbc\td\n\te'.expandtabs()
'a\tb'.expandtabs(0)
'a\tb'.expandtabs(-1)
'xaxbx'.strip('x')
'ab'.replace('', '-')
'ab'.replace('', '-', 2)
'aaa'.replace('a', 'bb', 0)
'aaa'.replace('a', 'bb', -3)
'ab'.removesuffix('')
' a\u3000'.strip()
'a\x1cb\x1dc\x85d\u2028e'.split()
'a\x1cb\x1dc\x85d\u2028e\rf\r\ng\x0bh\x0ci'.splitlines()
'a'.isidentifier()
'1a'.isidentifier()
'_'.isidentifier()
''.isidentifier()
'Hello World'.istitle()
'Hello world'.istitle()
'ǅ'.istitle()
''.isprintable()
''.isascii()
''.isspace()
'ABC1'.isupper()
'1'.isupper()
'\u00b2'.isdigit(), '\u00b2'.isdecimal(), '\u00bd'.isnumeric(), '\u00bd'.isalnum()
'abc'.index('c', -1)
'abc'.rindex('', 1)
'a,b,,c,'.split(',')
'a,b,,c,'.split(',', 1)
'a,b,,c,'.rsplit(',', 1)
'a,b,,c,'.rsplit(',', 0)
''.split(',')
''.split()
'abc'.partition('b')
'abc'.rpartition('x')
'abc'.partition('x')
'a'.center(4, 'é')
'abc'.center(6)
'ab'.center(5)
'a'.upper(x=1)
str.maketrans('abc', 'xyz', 'd')
'abcd'.translate(str.maketrans('abc', 'xyz', 'd'))
'hello'.translate({ord('l'): 'L'})
str.maketrans({'a': 'b', 98: None})
'abc'.translate('xyz')
'a'.count('a', None, None)
'abcabc'.count('bc', 1, -1)
'héllo wörld'.find('wö')
'héllo wörld'.rfind('l')
'héllo wörld'.find('l', 4)
'héllo wörld'.index('ö', 0, 9)
'héllo'.startswith(('x', 'hé'))
'héllo'.endswith('lo', 2, 5)
'héllo'.endswith('lo', 2, 4)
'é'.encode()
'é'.encode('latin-1')
'abc'.isalnum()
'a' * -1
'ab' * 3
'abc'[::-1]
'héllo'[::-1]
'héllo'[1:4]
'héllo'[-2:]
'héllo'[::2]
'abc'[-1]
'abc'[3]
'héllo'[1]
'abc' < 'abd'
'é' > 'z'
'a'.__mod__(1)
'%s' % 1
'%5.2f|%-5d|%05d|%x|%X|%o|%#x|%#o|%e|%g|%c|%c|%r|%a|%%' % (3.14159, 42, -42, 255, 255, 8, 255, 8, 12345.678, 0.0001, 65, 'z', 'é', 'é')
'%(a)s and %(b)d' % {'a': 'x', 'b': 2}
'%s %s' % (1,)
'%s' % (1, 2)
'%d' % 'a'
'%x' % 1.5
'%c' % 'ab'
'%c' % 1114112
'%f' % 'a'
'%y' % 1
'%s' % {'a': 1}
'%(a)s' % 1
'%*d|%-*d|%.*f' % (5, 1, 4, 2, 3, 1.23456)
'%.3s' % 'abcdef'
'%5s|%-5s|' % ('é', 'é')
'%i %u' % (3.9, -2.5)
'%d' % 10**30
'%x' % -255
'%+d % d' % (5, 5)
'%#X' % 255
'%.0f %.1e %G %E' % (2.5, 12345.6789, 1e-10, 1.5)
'%10.4g|' % 3.14159265
'%s' % ()
'%s' % []
'%d' % True
'%.2d' % 5
'%5%' % ()
'% 5d' % -3
'%-05d|' % 3
'%#.3g' % 1.0
'%g' % 1e20
'%f' % float('inf')
'%F' % float('nan')
'%05s' % 'a'
'%c' % -1
'%r' % 'a\n'
'%a' % 'é'
'%d%%' % 50
'%s' % b'abc'
'%(a)s %s' % {'a': 1}
'a' % ()
'a' % 5
'a' % []
'a' % {}
'%d' % 2.5
'%o' % 8.0
'%s %s' % [1, 2]
'''.strip().split('\n')
for t in tests:
    try:
        r = eval(t)
        print(t, '->', repr(r))
    except Exception as e:
        print(t, '->', type(e).__name__ + ':', e)
