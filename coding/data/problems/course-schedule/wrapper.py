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

    num_courses = int(_line())
    prerequisites = [[int(x) for x in _line().split()] for _ in range(int(_line()))]
    result = can_finish(num_courses, prerequisites)
    sys.stdout.write(("true" if result else "false") + "\n")


_main()
