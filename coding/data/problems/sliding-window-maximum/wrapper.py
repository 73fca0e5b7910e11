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

    nums = [int(x) for x in _line().split()]
    k = int(_line())
    result = max_sliding_window(nums, k)
    sys.stdout.write((" ".join(map(str, result))) + "\n")


_main()
