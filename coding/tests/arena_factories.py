"""Small problems for the arena's tests (the real bank lives in coding/data/problems/)."""

from __future__ import annotations

from coding.models import Difficulty, Problem, Submission, SubmissionKind, SubmissionStatus, TestCase, Verdict

SUM_WRAPPERS = {
    "python": "import sys\n# @@SOLUTION@@\na, b = map(int, sys.stdin.read().split())\nprint(add(a, b))\n",
    "javascript": (
        "// @@SOLUTION@@\n"
        "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
        "console.log(add(a, b));\n"
    ),
    "java": (
        "import java.util.*;\n"
        "// @@SOLUTION@@\n"
        "public class Main {\n"
        "  public static void main(String[] args) {\n"
        "    Scanner in = new Scanner(System.in);\n"
        "    long a = in.nextLong(), b = in.nextLong();\n"
        "    System.out.println(new Solution().add(a, b));\n"
        "  }\n"
        "}\n"
    ),
    "cpp": (
        "#include <iostream>\nusing namespace std;\n// @@SOLUTION@@\n"
        "int main() { long long a, b; cin >> a >> b; cout << Solution().add(a, b) << endl; }\n"
    ),
}
SUM_STARTERS = {
    "python": "def add(a, b):\n    pass\n",
    "javascript": "function add(a, b) {\n}\n",
    "java": "class Solution {\n  long add(long a, long b) {\n    return 0;\n  }\n}\n",
    "cpp": "class Solution {\npublic:\n  long long add(long long a, long long b) {\n    return 0;\n  }\n};\n",
}
SUM_SOLUTIONS = {
    "python": "def add(a, b):\n    return a + b\n",
    "javascript": "function add(a, b) {\n  return a + b;\n}\n",
    "java": "class Solution {\n  long add(long a, long b) {\n    return a + b;\n  }\n}\n",
    "cpp": "class Solution {\npublic:\n  long long add(long long a, long long b) {\n    return a + b;\n  }\n};\n",
}
SUM_HINTS = ["Read both numbers first.", "Use the + operator.", "return a + b"]
SUM_TESTS = [
    ("1 2", "3", True),
    ("10 -4", "6", True),
    ("0 0", "0", False),
    ("123456789 987654321", "1111111110", False),
]


def make_problem(
    *, slug: str = "add-two", title: str = "Add Two Numbers", difficulty: str = Difficulty.EASY, topics=None, **extra
) -> Problem:
    problem = Problem.objects.create(
        slug=slug,
        title=title,
        difficulty=difficulty,
        topics=topics if topics is not None else ["math"],
        statement="Print the **sum** of two integers.\n\n<script>alert(1)</script>",
        constraints="- `-10^9 <= a, b <= 10^9`",
        hints=list(SUM_HINTS),
        starter=dict(SUM_STARTERS),
        wrapper=dict(SUM_WRAPPERS),
        reference=dict(SUM_SOLUTIONS),
        time_limit_ms=2000,
        memory_limit_mb=256,
        **extra,
    )
    for index, (given, expected, sample) in enumerate(SUM_TESTS, 1):
        TestCase.objects.create(problem=problem, index=index, input=given, expected_output=expected, is_sample=sample)
    return problem


def make_submission(*, user, problem, verdict: str = Verdict.ACCEPTED, time_ms=10, memory_kb=1000, **extra):
    fields = {
        "language": "python",
        "code": SUM_SOLUTIONS["python"],
        "kind": SubmissionKind.SUBMIT,
        "status": SubmissionStatus.DONE,
        "verdict": verdict,
        "time_ms": time_ms,
        "memory_kb": memory_kb,
        "tests_total": 4,
        "tests_passed": 4 if verdict == Verdict.ACCEPTED else 2,
    }
    return Submission.objects.create(user=user, problem=problem, **(fields | extra))
