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

    begin_word = _line()
    end_word = _line()
    word_list = _line().split()
    result = ladder_length(begin_word, end_word, word_list)
    sys.stdout.write((str(result)) + "\n")


_main()
