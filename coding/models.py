"""The coding arena: problems and their tests, drafts, submissions, hints used."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Language(models.TextChoices):
    PYTHON = "python", "Python"
    JAVASCRIPT = "javascript", "JavaScript"
    JAVA = "java", "Java"
    CPP = "cpp", "C++"


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class Checker(models.TextChoices):
    EXACT = "exact", "Exact (trailing whitespace trimmed)"
    UNORDERED_LINES = "unordered_lines", "Lines in any order"
    UNORDERED_TOKENS = "unordered_tokens", "Tokens in any order"
    FLOAT = "float", "Numbers with tolerance"


class Problem(models.Model):
    """A problem of the bank, loaded from ``coding/data/problems/<slug>/`` by ``load_problems``
    (idempotent on ``slug``); staff edit in admin, after which the loader leaves it alone.

    ``starter``, ``wrapper`` and ``reference`` map a language to source code. The candidate edits the
    starter (a function); the wrapper holds the input/output and includes the candidate's code at the
    marker line ``// @@SOLUTION@@`` / ``# @@SOLUTION@@`` (see coding/data/README.md).
    """

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    difficulty = models.CharField(max_length=6, choices=Difficulty.choices, db_index=True)
    topics = models.JSONField(default=list, help_text="e.g. ['arrays', 'hashing']")
    statement = models.TextField(help_text="Markdown: the task, examples, input/output format.")
    constraints = models.TextField(blank=True, help_text="Markdown list of constraints.")
    time_limit_ms = models.PositiveIntegerField(default=2000, help_text="CPU time per test (Python baseline).")
    memory_limit_mb = models.PositiveIntegerField(default=256)
    hints = models.JSONField(default=list, help_text="Three graded hints: nudge, approach, near-solution.")
    starter = models.JSONField(default=dict)
    wrapper = models.JSONField(default=dict)
    reference = models.JSONField(default=dict)
    checker = models.CharField(max_length=20, choices=Checker.choices, default=Checker.EXACT)
    checker_tolerance = models.FloatField(default=1e-6)
    position = models.PositiveIntegerField(default=0, help_text="Order in the list.")
    is_active = models.BooleanField(default=True)
    edited_by_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.title


class TestCase(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="tests")
    index = models.PositiveSmallIntegerField()
    input = models.TextField(blank=True)
    expected_output = models.TextField()
    is_sample = models.BooleanField(default=False, help_text="Samples are shown to the candidate and used by Run.")
    note = models.CharField(max_length=120, blank=True, help_text="e.g. 'empty array', 'max size'")

    class Meta:
        ordering = ["problem", "index"]
        constraints = [models.UniqueConstraint(fields=["problem", "index"], name="coding_test_problem_index")]

    def __str__(self) -> str:
        return f"{self.problem.slug} #{self.index}"


class Draft(models.Model):
    """The candidate's work in progress, one per problem and language, autosaved."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coding_drafts")
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="drafts")
    language = models.CharField(max_length=10, choices=Language.choices)
    code = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "problem", "language"], name="coding_draft_user_problem_lang")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.problem_id} {self.language}"


class Verdict(models.TextChoices):
    ACCEPTED = "AC", "Accepted"
    WRONG_ANSWER = "WA", "Wrong Answer"
    TIME_LIMIT = "TLE", "Time Limit Exceeded"
    MEMORY_LIMIT = "MLE", "Memory Limit Exceeded"
    RUNTIME_ERROR = "RE", "Runtime Error"
    COMPILATION_ERROR = "CE", "Compilation Error"
    OUTPUT_LIMIT = "OLE", "Output Limit Exceeded"
    INTERNAL_ERROR = "IE", "Internal Error"


class SubmissionKind(models.TextChoices):
    RUN = "run", "Run (samples / custom input)"
    SUBMIT = "submit", "Submit (all tests)"


class SubmissionStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Judged"


class Submission(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="submissions")
    language = models.CharField(max_length=10, choices=Language.choices)
    code = models.TextField()
    kind = models.CharField(max_length=6, choices=SubmissionKind.choices, default=SubmissionKind.SUBMIT)
    custom_input = models.TextField(blank=True)
    status = models.CharField(
        max_length=8, choices=SubmissionStatus.choices, default=SubmissionStatus.QUEUED, db_index=True
    )
    verdict = models.CharField(max_length=3, choices=Verdict.choices, blank=True, db_index=True)
    tests_passed = models.PositiveSmallIntegerField(default=0)
    tests_total = models.PositiveSmallIntegerField(default=0)
    time_ms = models.PositiveIntegerField(null=True, blank=True, help_text="Slowest test.")
    memory_kb = models.PositiveIntegerField(null=True, blank=True, help_text="Largest peak.")
    compile_output = models.TextField(blank=True)
    # Per test: {"index", "verdict", "time_ms", "memory_kb", "sample", and for visible tests "input",
    # "expected", "stdout", "stderr"}; hidden tests carry only their number and verdict.
    results = models.JSONField(default=list, blank=True)
    first_failed_test = models.PositiveSmallIntegerField(null=True, blank=True)
    hints_used = models.PositiveSmallIntegerField(default=0)
    backend = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    judged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "problem", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.problem_id} {self.language} {self.verdict or self.status}"


class HintUse(models.Model):
    """A hint level the user opened for a problem; recorded once per level (gamification reduces XP)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hint_uses")
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="hint_uses")
    level = models.PositiveSmallIntegerField()
    text = models.TextField()
    engine = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "problem", "level"], name="coding_hint_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.problem_id} hint {self.level}"
