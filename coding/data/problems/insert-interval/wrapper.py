import sys

sys.setrecursionlimit(1_000_000)


# @@SOLUTION@@


def _main() -> None:
    lines = sys.stdin.read().split("\n")
    pos = 0

    def _line() -> str:
        nonlocal pos
        text = lines[pos].rstrip("\r") if pos < len(lines) else ""
        pos += 1
        return text

    intervals = [[int(x) for x in _line().split()] for _ in range(int(_line()))]
    new_interval = [int(x) for x in _line().split()]
    result = insert(intervals, new_interval)
    sys.stdout.write(("\n".join(" ".join(map(str, row)) for row in result)) + "\n")


_main()
