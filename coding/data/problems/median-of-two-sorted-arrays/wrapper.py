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

    nums1 = [int(x) for x in _line().split()]
    nums2 = [int(x) for x in _line().split()]
    result = find_median_sorted_arrays(nums1, nums2)
    sys.stdout.write((f"{result:.5f}") + "\n")


_main()
