# Unbounded recursion through a method and a property.
class Node:
    @property
    def depth(self):
        return self.depth + 1

Node().depth
