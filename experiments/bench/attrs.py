# Benchmark: attribute-heavy objects (instance attributes, methods, properties).
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        self.x *= k
        self.y *= k
        return self

class Particle:
    def __init__(self, ident):
        self.ident = ident
        self.pos = Vec(ident % 10, ident % 7)
        self.vel = Vec(1, -1)
        self.hits = 0

    @property
    def speed2(self):
        return self.vel.x * self.vel.x + self.vel.y * self.vel.y

    def step(self):
        self.pos = self.pos.add(self.vel)
        if self.pos.x > 50 or self.pos.x < 0:
            self.vel.x = -self.vel.x
            self.hits += 1
        if self.pos.y > 50 or self.pos.y < 0:
            self.vel.y = -self.vel.y
            self.hits += 1

particles = [Particle(i) for i in range(300)]
for _ in range(10000):
    for p in particles:
        p.step()
total_hits = sum(p.hits for p in particles)
checksum = sum(p.pos.x * 31 + p.pos.y for p in particles)
print(total_hits, checksum, sum(p.speed2 for p in particles))
