"""Deterministic large test inputs, and the author's tool that writes a problem's derived files.

Large tests are not committed: ``tests/NN.gen.json`` names a generator below, a seed and parameters, and
:func:`generated_input` rebuilds the exact input at load time (``random.Random(seed)`` is stable across
CPython versions; the file's ``sha256`` catches any drift). Expected outputs are committed (``NN.out``).

Author's CLI (runs the *Python reference* bare: it is our own trusted code, never a candidate's)::

    python -m coding.data.generate --scaffold SLUG   # write missing starter.* / wrapper.* from the signature
    python -m coding.data.generate --outputs [SLUG]  # recompute every NN.out and the .gen.json hashes

Pure Python, no Django.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from coding.data.scaffold import EXTENSIONS, LANGUAGES, format_input, render_starter, render_wrapper
from coding.program import assemble_program

PROBLEMS_DIR = Path(__file__).resolve().parent / "problems"
Generator = Callable[..., list]
GENERATORS: dict[str, Generator] = {}


def generator(name: str) -> Callable[[Generator], Generator]:
    def register(fn: Generator) -> Generator:
        GENERATORS[name] = fn
        return fn

    return register


def generated_input(spec: dict, signature: dict) -> str:
    """The stdin text a ``.gen.json`` spec stands for. Raises KeyError/TypeError on a bad spec."""
    rng = random.Random(spec["seed"])  # noqa: S311 - test data, not security
    args = GENERATORS[spec["generator"]](rng, **spec.get("params", {}))
    return format_input(signature, args)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# ------------------------------------------------------------------------------------------------
# Building blocks
# ------------------------------------------------------------------------------------------------
def ints(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    return [rng.randint(lo, hi) for _ in range(n)]


def word(rng: random.Random, n: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def level_order(values: list[int], parent_of: list[int], side_of: list[int]) -> list[int | None]:
    """Level-order list (with None holes) of the tree where node i>0 hangs under ``parent_of[i]`` on
    ``side_of[i]`` (0 left, 1 right); node 0 is the root."""
    children: list[list[int | None]] = [[None, None] for _ in values]
    for i in range(1, len(values)):
        children[parent_of[i]][side_of[i]] = i
    out: list[int | None] = []
    queue: list[int | None] = [0]
    for node in queue:
        if node is None:
            out.append(None)
            continue
        out.append(values[node])
        queue.extend(children[node])
    while out and out[-1] is None:
        out.pop()
    return out


def random_tree_shape(rng: random.Random, n: int) -> tuple[list[int], list[int]]:
    """Parents and sides of a random binary tree of ``n`` nodes (expected depth O(log n))."""
    parent_of, side_of = [-1], [0]
    free = [(0, 0), (0, 1)]
    for i in range(1, n):
        slot = free.pop(rng.randrange(len(free)))
        parent_of.append(slot[0])
        side_of.append(slot[1])
        free += [(i, 0), (i, 1)]
    return parent_of, side_of


def bst_level_order(keys: list[int], rng: random.Random) -> list[int | None]:
    """A BST holding ``keys`` (distinct), built by inserting them in random order."""
    order = keys[:]
    rng.shuffle(order)
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    root = order[0]
    for key in order[1:]:
        node = root
        while True:
            side = left if key < node else right
            if node in side:
                node = side[node]
            else:
                side[node] = key
                break
    out: list[int | None] = []
    queue: list[int | None] = [root]
    for node in queue:
        if node is None:
            out.append(None)
            continue
        out.append(node)
        queue += [left.get(node), right.get(node)]
    while out and out[-1] is None:
        out.pop()
    return out


# ------------------------------------------------------------------------------------------------
# Per-problem generators (name = slug, or slug/variant)
# ------------------------------------------------------------------------------------------------
@generator("two-sum")
def _two_sum(rng: random.Random, n: int, lo: int, hi: int, ends: bool = False) -> list:
    values = rng.sample(range(lo, hi + 1), n)
    i, j = (0, n - 1) if ends else rng.sample(range(n), 2)
    target = values[i] + values[j]
    used = set(values)
    for k in range(n):  # keep the answer unique: no other pair may reach the target
        if k not in (i, j) and target - values[k] in used:
            while True:
                v = rng.randint(lo, hi)
                if v not in used and target - v not in used and 2 * v != target:
                    break
            used.discard(values[k])
            used.add(v)
            values[k] = v
    return [values, target]


@generator("valid-parentheses")
def _valid_parentheses(rng: random.Random, n: int, valid: bool = True) -> list:
    pairs = {"(": ")", "[": "]", "{": "}"}
    out, stack = [], []
    for remaining in range(n, 0, -1):
        if stack and (len(stack) >= remaining or rng.random() < 0.5):
            out.append(pairs[stack.pop()])
        else:
            stack.append(rng.choice("([{"))
            out.append(stack[-1])
    if not valid:
        out[-1] = {")": "]", "]": "}", "}": ")"}[out[-1]]
    return ["".join(out)]


@generator("merge-two-sorted-lists")
def _merge_two_sorted_lists(rng: random.Random, n1: int, n2: int, lo: int, hi: int) -> list:
    return [sorted(ints(rng, n1, lo, hi)), sorted(ints(rng, n2, lo, hi))]


@generator("best-time-to-buy-and-sell-stock")
def _stock(rng: random.Random, n: int, hi: int, falling: bool = False) -> list:
    prices = ints(rng, n, 0, hi)
    return [sorted(prices, reverse=True) if falling else prices]


@generator("valid-anagram")
def _valid_anagram(rng: random.Random, n: int, anagram: bool = True) -> list:
    s = list(word(rng, n))
    t = s[:]
    rng.shuffle(t)
    if not anagram:
        k = rng.randrange(n)
        t[k] = "a" if t[k] != "a" else "b"
    return ["".join(s), "".join(t)]


@generator("binary-search")
def _binary_search(rng: random.Random, n: int, present: bool = True) -> list:
    nums = sorted(rng.sample(range(-(10**9), 10**9, 2), n))  # even numbers only: odd targets are absent
    target = rng.choice(nums) if present else rng.choice(nums) + 1
    return [nums, target]


@generator("reverse-linked-list")
def _reverse_linked_list(rng: random.Random, n: int) -> list:
    return [ints(rng, n, -5000, 5000)]


def _tree(rng: random.Random, n: int, lo: int, hi: int, chain: str = "") -> list:
    values = ints(rng, n, lo, hi)
    if chain:
        parent_of, side_of = [-1, *range(n - 1)], [0] + [int(chain == "right")] * (n - 1)
    else:
        parent_of, side_of = random_tree_shape(rng, n)
    return [level_order(values, parent_of, side_of)]


GENERATORS["maximum-depth-of-binary-tree"] = _tree
GENERATORS["invert-binary-tree"] = _tree


@generator("last-stone-weight")
def _last_stone_weight(rng: random.Random, n: int, hi: int) -> list:
    return [ints(rng, n, 1, hi)]


@generator("meeting-rooms")
def _meeting_rooms(rng: random.Random, n: int, overlap: bool = False) -> list:
    cuts = sorted(rng.sample(range(10**6), 2 * n))
    intervals = [[cuts[2 * i], cuts[2 * i + 1]] for i in range(n)]
    if overlap:
        k = rng.randrange(n - 1)
        intervals[k][1] = intervals[k + 1][0] + 1
    rng.shuffle(intervals)
    return [intervals]


@generator("valid-palindrome")
def _valid_palindrome(rng: random.Random, n: int, palindrome: bool = True) -> list:
    alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
    half = [rng.choice(alnum) for _ in range(n // 4)]
    core = half + ([rng.choice(alnum)] if rng.random() < 0.5 else []) + half[::-1]
    if not palindrome:
        k = rng.randrange(len(half))
        core[k] = "x" if core[k] != "x" else "y"
    out, budget = [], n - len(core)
    for ch in core:
        out.append(ch.upper() if rng.random() < 0.3 else ch)
        while budget > 0 and rng.random() < 0.45:
            out.append(rng.choice(" ,.:;!?'-_"))
            budget -= 1
    return ["".join(out)]


@generator("group-anagrams")
def _group_anagrams(rng: random.Random, groups: int, size: int, length: int) -> list:
    words, seen = [], set()
    while len(seen) < groups:
        base = word(rng, rng.randint(1, length), "abcdefg")
        key = "".join(sorted(base))
        if key in seen:
            continue
        seen.add(key)
        for _ in range(rng.randint(1, size)):
            letters = list(base)
            rng.shuffle(letters)
            words.append("".join(letters))
    rng.shuffle(words)
    return [words]


@generator("top-k-frequent-elements")
def _top_k(rng: random.Random, n: int, k: int, distinct: int) -> list:
    values = rng.sample(range(-10000, 10001), distinct)
    counts = sorted(rng.sample(range(1, n // distinct * 2), k + 1), reverse=True)  # top k+1 all different
    nums = []
    for value, count in zip(values, counts, strict=False):
        nums += [value] * count
    for value in values[k + 1 :]:
        nums += [value] * rng.randint(1, min(counts[k], 50))  # never above the (k+1)-th: the answer stays unique
    rng.shuffle(nums)
    return [nums, k]


@generator("longest-substring-without-repeating-characters")
def _longest_substring(rng: random.Random, n: int, alphabet: str) -> list:
    return [word(rng, n, alphabet)]


@generator("three-sum")
def _three_sum(rng: random.Random, n: int, lo: int, hi: int, zeros: int = 0) -> list:
    return [ints(rng, n - zeros, lo, hi) + [0] * zeros]


@generator("container-with-most-water")
def _container(rng: random.Random, n: int, hi: int, shape: str = "random") -> list:
    heights = ints(rng, n, 0, hi)
    if shape == "valley":
        heights = [abs(i - n // 2) * hi // (n // 2) for i in range(n)]
    return [heights]


@generator("product-of-array-except-self")
def _product(rng: random.Random, n: int, zeros: int = 0, big: int = 0) -> list:
    nums = [rng.choice((1, -1)) for _ in range(n)]
    for _ in range(big):  # a few larger factors; |product| <= 3^15 stays inside 32 bits
        nums[rng.randrange(n)] = rng.choice((2, -2, 3))
    for _ in range(zeros):
        nums[rng.randrange(n)] = 0
    return [nums]


@generator("daily-temperatures")
def _daily_temperatures(rng: random.Random, n: int, shape: str = "random") -> list:
    if shape == "falling":
        return [[100 - (i * 70 // n) for i in range(n)]]
    if shape == "rising":
        return [[30 + (i * 70 // n) for i in range(n)]]
    return [ints(rng, n, 30, 100)]


@generator("evaluate-reverse-polish-notation")
def _rpn(rng: random.Random, n: int) -> list:
    tokens: list[str] = []
    stack: list[int] = []
    while len(tokens) < n or len(stack) > 1:
        if len(stack) < 2 or (len(tokens) < n and rng.random() < 0.45):
            value = rng.randint(-200, 200)
            tokens.append(str(value))
            stack.append(value)
            continue
        b, a = stack.pop(), stack.pop()
        options = ["+", "-"]
        if abs(a * b) <= 10**6:
            options.append("*")
        if b != 0:
            options.append("/")
        op = rng.choice(options)
        result = {"+": a + b, "-": a - b, "*": a * b}.get(op)
        if op == "/":
            result = abs(a) // abs(b) * (1 if (a >= 0) == (b > 0) else -1)
        if abs(result) > 10**8:  # keep every intermediate value small
            op, result = "-", a - b
            if abs(result) > 10**8:
                op, result = "+", a + b
        tokens.append(op)
        stack.append(result)
    return [tokens]


@generator("search-in-rotated-sorted-array")
def _rotated(rng: random.Random, n: int, present: bool = True) -> list:
    nums = sorted(rng.sample(range(-(10**4), 10**4, 2) if n < 10**4 else range(-(10**9), 10**9, 2), n))
    k = rng.randrange(n)
    target = rng.choice(nums) if present else rng.choice(nums) + 1
    return [nums[k:] + nums[:k], target]


@generator("koko-eating-bananas")
def _koko(rng: random.Random, n: int, hi: int, slack: int) -> list:
    piles = ints(rng, n, 1, hi)
    return [piles, n + slack]


@generator("merge-intervals")
def _merge_intervals(rng: random.Random, n: int, span: int, length: int) -> list:
    intervals = []
    for _ in range(n):
        start = rng.randint(0, span)
        intervals.append([start, start + rng.randint(0, length)])
    return [intervals]


@generator("insert-interval")
def _insert_interval(rng: random.Random, n: int, cover: int) -> list:
    cuts = sorted(rng.sample(range(10**5), 2 * n))
    intervals = [[cuts[2 * i], cuts[2 * i + 1]] for i in range(n)]
    first = rng.randrange(n - cover)
    new = [intervals[first][0] + 1, intervals[first + cover][1] - 1] if cover else [cuts[-1] + 1, cuts[-1] + 5]
    return [intervals, new]


@generator("number-of-islands")
def _islands(rng: random.Random, rows: int, cols: int, land: float, shape: str = "random") -> list:
    if shape == "spiral":
        grid = [["0"] * cols for _ in range(rows)]
        for r in range(0, rows, 2):
            for c in range(cols):
                grid[r][c] = "1"
            edge = cols - 1 if (r // 2) % 2 == 0 else 0
            if r + 1 < rows:
                grid[r + 1][edge] = "1"
        return [grid]
    return [[["1" if rng.random() < land else "0" for _ in range(cols)] for _ in range(rows)]]


@generator("course-schedule")
def _course_schedule(rng: random.Random, n: int, edges: int, cycle: bool = False, chain: bool = False) -> list:
    order = list(range(n))
    rng.shuffle(order)
    rank = {course: i for i, course in enumerate(order)}
    pairs = set()
    if chain:
        pairs |= {(order[i + 1], order[i]) for i in range(n - 1)}
    while len(pairs) < edges:
        a, b = rng.sample(range(n), 2)
        if rank[a] > rank[b]:
            pairs.add((a, b))  # take a after b: follows the hidden order, so no cycle
        elif rank[b] > rank[a]:
            pairs.add((b, a))
    prerequisites = [list(p) for p in pairs]
    prerequisites.sort()
    rng.shuffle(prerequisites)
    if cycle:
        prerequisites.append([order[0], order[-1]])  # closes a cycle through the chain
    return [n, prerequisites]


GENERATORS["binary-tree-level-order-traversal"] = _tree


@generator("validate-binary-search-tree")
def _validate_bst(rng: random.Random, n: int, broken: bool = False) -> list:
    keys = rng.sample(range(-(2**31), 2**31), n)
    tree = bst_level_order(keys, rng)
    if broken:  # swap two values deep in the tree: still looks fine locally near the root
        present = [i for i, v in enumerate(tree) if v is not None]
        i, j = present[-1], present[len(present) // 2]
        tree[i], tree[j] = tree[j], tree[i]
    return [tree]


@generator("remove-nth-node-from-end-of-list")
def _remove_nth(rng: random.Random, n: int, k: int) -> list:
    return [ints(rng, n, 0, 100), k]


@generator("coin-change")
def _coin_change(rng: random.Random, coins: int, amount: int, lo: int, hi: int) -> list:
    return [rng.sample(range(lo, hi + 1), coins), amount]


@generator("longest-increasing-subsequence")
def _lis(rng: random.Random, n: int, lo: int, hi: int, shape: str = "random") -> list:
    values = ints(rng, n, lo, hi)
    if shape == "rising":
        values.sort()
    return [values]


@generator("trapping-rain-water")
def _trapping_rain_water(rng: random.Random, n: int, hi: int, shape: str = "random") -> list:
    if shape == "mountain":
        return [[min(i, n - 1 - i) * hi // (n // 2) for i in range(n)]]
    if shape == "valley":
        return [[abs(n // 2 - i) * hi // (n // 2) for i in range(n)]]
    return [ints(rng, n, 0, hi)]


@generator("minimum-window-substring")
def _minimum_window(rng: random.Random, n: int, m: int, alphabet: str, plant: bool = True) -> list:
    s = list(word(rng, n, alphabet))
    t = word(rng, m, alphabet)
    if plant:  # make sure a window exists: copy t into a random place
        start = rng.randrange(n - m)
        s[start : start + m] = rng.sample(t, m)
    return ["".join(s), t]


@generator("sliding-window-maximum")
def _sliding_window_maximum(rng: random.Random, n: int, k: int, shape: str = "random") -> list:
    nums = ints(rng, n, -10000, 10000)
    if shape == "falling":
        nums.sort(reverse=True)
    return [nums, k]


@generator("largest-rectangle-in-histogram")
def _largest_rectangle(rng: random.Random, n: int, hi: int, shape: str = "random") -> list:
    heights = ints(rng, n, 0, hi)
    if shape == "rising":
        heights.sort()
    elif shape == "equal":
        heights = [hi] * n
    return [heights]


@generator("merge-k-sorted-lists")
def _merge_k_lists(rng: random.Random, k: int, total: int) -> list:
    cuts = sorted(rng.randint(0, total) for _ in range(k - 1))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return [[sorted(ints(rng, size, -1000, 1000)) for size in sizes]]


@generator("median-of-two-sorted-arrays")
def _median_two_arrays(rng: random.Random, m: int, n: int, lo: int, hi: int) -> list:
    return [sorted(ints(rng, m, lo, hi)), sorted(ints(rng, n, lo, hi))]


@generator("find-median-from-data-stream")
def _running_median(rng: random.Random, n: int, lo: int, hi: int, shape: str = "random") -> list:
    nums = ints(rng, n, lo, hi)
    if shape == "falling":
        nums.sort(reverse=True)
    return [nums]


@generator("binary-tree-maximum-path-sum")
def _max_path_sum(rng: random.Random, n: int, lo: int, hi: int, chain: str = "") -> list:
    return _tree(rng, n, lo, hi, chain)


@generator("word-ladder")
def _word_ladder(rng: random.Random, words: int, length: int, alphabet: str, reachable: bool = True) -> list:
    chain = [word(rng, length, alphabet)]
    seen = set(chain)
    while len(chain) < words // 4:  # a long random walk, one letter at a time
        letters = list(chain[-1])
        letters[rng.randrange(length)] = rng.choice(alphabet)
        candidate = "".join(letters)
        if candidate not in seen:
            seen.add(candidate)
            chain.append(candidate)
    while len(seen) < words:
        seen.add(word(rng, length, alphabet))
    begin, end = chain[0], chain[-1]
    pool = sorted(seen - {begin})
    if not reachable:
        pool.remove(end)
        end = "".join(rng.choice("xyz") for _ in range(length))
        pool = [w for w in pool if w != end] + [end]
        pool = [w for w in pool if sum(a != b for a, b in zip(w, end, strict=True)) > 1 or w == end]
    rng.shuffle(pool)
    return [begin, end, pool]


@generator("edit-distance")
def _edit_distance(rng: random.Random, n: int, m: int, alphabet: str, related: bool = False) -> list:
    a = word(rng, n, alphabet)
    if related:
        b = list(a[:m])
        for _ in range(m // 10):
            b[rng.randrange(len(b))] = rng.choice(alphabet)
        return [a, "".join(b)]
    return [a, word(rng, m, alphabet)]


# ------------------------------------------------------------------------------------------------
# Author's CLI
# ------------------------------------------------------------------------------------------------
def _run_python(source: str, stdin: str) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    try:
        done = subprocess.run(
            [sys.executable, handle.name], input=stdin, capture_output=True, text=True, timeout=120, check=False
        )
    finally:
        Path(handle.name).unlink()
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return done.stdout


def scaffold(folder: Path, *, force: bool = False) -> list[str]:
    signature = json.loads((folder / "problem.json").read_text())["signature"]
    written = []
    for language in LANGUAGES:
        ext = EXTENSIONS[language]
        for kind, render in (("starter", render_starter), ("wrapper", render_wrapper)):
            path = folder / f"{kind}.{ext}"
            if force or not path.exists():
                path.write_text(render(language, signature))
                written.append(path.name)
    return written


def write_outputs(folder: Path) -> int:
    meta = json.loads((folder / "problem.json").read_text())
    program = assemble_program(
        wrapper=(folder / "wrapper.py").read_text(), solution=(folder / "reference.py").read_text()
    )
    for test in meta["tests"]:
        name = test["name"]
        spec_path = folder / "tests" / f"{name}.gen.json"
        if spec_path.exists():
            spec = json.loads(spec_path.read_text())
            stdin = generated_input(spec, meta["signature"])
            spec["sha256"] = sha256(stdin)
            spec_path.write_text(json.dumps(spec, indent=2) + "\n")
        else:
            stdin = (folder / "tests" / f"{name}.in").read_text()
        (folder / "tests" / f"{name}.out").write_text(_run_python(program, stdin))
    return len(meta["tests"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slugs", nargs="*", help="Problems to process (default: all).")
    parser.add_argument("--scaffold", action="store_true", help="Write missing starters and wrappers.")
    parser.add_argument("--force", action="store_true", help="With --scaffold: overwrite existing ones.")
    parser.add_argument("--outputs", action="store_true", help="Recompute expected outputs and hashes.")
    options = parser.parse_args(argv)
    folders = [PROBLEMS_DIR / s for s in options.slugs] or sorted(
        p for p in PROBLEMS_DIR.iterdir() if p.is_dir() and not p.name.startswith(".")
    )
    for folder in folders:
        if options.scaffold:
            print(folder.name, "scaffolded:", ", ".join(scaffold(folder, force=options.force)) or "nothing")
        if options.outputs:
            print(folder.name, "outputs:", write_outputs(folder))


if __name__ == "__main__":
    main()
