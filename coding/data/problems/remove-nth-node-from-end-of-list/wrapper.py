import sys

sys.setrecursionlimit(1_000_000)


class ListNode:
    def __init__(self, val: int = 0, next: "ListNode | None" = None):
        self.val = val
        self.next = next


# @@SOLUTION@@


def _to_list(values):
    head = tail = ListNode()
    for v in values:
        tail.next = tail = ListNode(v)
    return head.next


def _from_list(node):
    out = []
    while node is not None:
        out.append(node.val)
        node = node.next
    return out


def _main() -> None:
    lines = sys.stdin.read().split("\n")
    pos = 0

    def _line() -> str:
        nonlocal pos
        text = lines[pos].rstrip("\r") if pos < len(lines) else ""
        pos += 1
        return text

    head = _to_list([int(x) for x in _line().split()])
    n = int(_line())
    result = remove_nth_from_end(head, n)
    sys.stdout.write((" ".join(map(str, _from_list(result)))) + "\n")


_main()
