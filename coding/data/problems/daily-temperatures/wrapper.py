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

    temperatures = [int(x) for x in _line().split()]
    result = daily_temperatures(temperatures)
    sys.stdout.write((" ".join(map(str, result))) + "\n")


_main()
