import sys
from collections import deque

sys.setrecursionlimit(1_000_000)


class TreeNode:
    def __init__(self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None):
        self.val = val
        self.left = left
        self.right = right


# @@SOLUTION@@


def _to_tree(tokens):
    if not tokens or tokens[0] == "null":
        return None
    nodes = [None if t == "null" else TreeNode(int(t)) for t in tokens]
    root, queue, i = nodes[0], deque([nodes[0]]), 1
    while queue and i < len(nodes):
        node = queue.popleft()
        for side in ("left", "right"):
            if i < len(nodes):
                setattr(node, side, nodes[i])
                if nodes[i] is not None:
                    queue.append(nodes[i])
                i += 1
    return root


def _from_tree(root):
    out, queue = [], deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append("null")
        else:
            out.append(str(node.val))
            queue.extend((node.left, node.right))
    while out and out[-1] == "null":
        out.pop()
    return out


def _main() -> None:
    lines = sys.stdin.read().split("\n")
    pos = 0

    def _line() -> str:
        nonlocal pos
        text = lines[pos].rstrip("\r") if pos < len(lines) else ""
        pos += 1
        return text

    root = _to_tree(_line().split())
    result = max_depth(root)
    sys.stdout.write((str(result)) + "\n")


_main()
