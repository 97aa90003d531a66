# sys.version_info and friends (only what is the same for gilkit).
import sys
print(sys.version_info[:2] == (3, 11), sys.version_info[0], sys.version_info.major, sys.version_info.minor)
print(sys.version_info >= (3, 8), sys.version_info < (4,), len(sys.version_info[:3]))
print(isinstance(sys.version, str), sys.version.startswith("3.11"))
print(isinstance(sys.implementation.name, str), sys.implementation.name in ("cpython", "gilkit"))
print(sys.platform, sys.platform.startswith("linux"))
print(sys.maxsize == 2**63 - 1, sys.byteorder)
