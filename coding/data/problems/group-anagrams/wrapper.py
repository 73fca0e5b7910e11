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

    strs = _line().split()
    result = group_anagrams(strs)
    sys.stdout.write(("\n".join(" ".join(sorted(row)) for row in result)) + "\n")


_main()
