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
    result = three_sum(nums)
    sys.stdout.write(("\n".join(" ".join(map(str, sorted(row))) for row in result)) + "\n")


_main()
