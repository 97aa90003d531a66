# A small state machine and a recursive-descent expression evaluator built
# from closures with nonlocal state (the kind of program users write).
class TrafficLight:
    transitions = {'red': 'green', 'green': 'yellow', 'yellow': 'red'}
    durations = {'red': 3, 'green': 2, 'yellow': 1}
    def __init__(self):
        self.state = 'red'
        self.history = []
    def step(self):
        self.history.append(self.state)
        self.state = self.transitions[self.state]
    def run(self, ticks):
        t = 0
        while t < ticks:
            t += self.durations[self.state]
            self.step()
        return self
tl = TrafficLight().run(12)
print(tl.state, tl.history, len(tl.history))
def tokenize(expr):
    tokens, num = [], ''
    for ch in expr:
        if ch.isdigit() or ch == '.':
            num += ch
        else:
            if num:
                tokens.append(float(num) if '.' in num else int(num)); num = ''
            if ch in '+-*/()':
                tokens.append(ch)
    if num:
        tokens.append(float(num) if '.' in num else int(num))
    return tokens
def parse(tokens):
    pos = 0
    def expr():
        nonlocal pos
        v = term()
        while pos < len(tokens) and tokens[pos] in '+-':
            op = tokens[pos]; pos += 1
            v = v + term() if op == '+' else v - term()
        return v
    def term():
        nonlocal pos
        v = factor()
        while pos < len(tokens) and tokens[pos] in ('*', '/'):
            op = tokens[pos]; pos += 1
            v = v * factor() if op == '*' else v / factor()
        return v
    def factor():
        nonlocal pos
        t = tokens[pos]; pos += 1
        if t == '(':
            v = expr(); pos += 1
            return v
        if t == '-':
            return -factor()
        return t
    return expr()
for e in ['1 + 2 * 3', '(1 + 2) * 3', '10 / 4', '2 * (3 + 4) - -1', '1.5 * 4']:
    print(e, '=', parse(tokenize(e)))
try:
    parse(tokenize('1 / 0'))
except ZeroDivisionError as err:
    print('error:', err)
