# Benchmark: n-body-style float arithmetic on lists.
PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS = 365.24

def make_bodies():
    # [x, y, z, vx, vy, vz, mass] — five bodies, made-up but stable orbits.
    raw = [
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        (4.84, -1.16, -0.10, 0.00166 * DAYS, 0.00770 * DAYS, -0.0000690 * DAYS, 0.000954),
        (8.34, 4.12, -0.40, -0.00277 * DAYS, 0.00500 * DAYS, 0.0000230 * DAYS, 0.000286),
        (12.89, -15.11, -0.22, 0.00296 * DAYS, 0.00238 * DAYS, -0.0000297 * DAYS, 0.0000437),
        (15.38, -25.92, 0.18, 0.00268 * DAYS, 0.00163 * DAYS, -0.0000952 * DAYS, 0.0000515),
    ]
    return [[x, y, z, vx, vy, vz, m * SOLAR_MASS] for (x, y, z, vx, vy, vz, m) in raw]

def offset_momentum(bodies):
    px = py = pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    sun = bodies[0]
    sun[3] = -px / SOLAR_MASS
    sun[4] = -py / SOLAR_MASS
    sun[5] = -pz / SOLAR_MASS

def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        b = bodies[i]
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
        for j in range(i + 1, n):
            c = bodies[j]
            dx, dy, dz = b[0] - c[0], b[1] - c[1], b[2] - c[2]
            e -= b[6] * c[6] / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e

def advance(bodies, dt, steps):
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    for _ in range(steps):
        for b, c in pairs:
            dx = b[0] - c[0]
            dy = b[1] - c[1]
            dz = b[2] - c[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            bm = b[6] * mag
            cm = c[6] * mag
            b[3] -= dx * cm
            b[4] -= dy * cm
            b[5] -= dz * cm
            c[3] += dx * bm
            c[4] += dy * bm
            c[5] += dz * bm
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]

bodies = make_bodies()
offset_momentum(bodies)
print("%.9f" % energy(bodies))
advance(bodies, 0.01, 300_000)
print("%.9f" % energy(bodies))
