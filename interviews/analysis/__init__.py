"""Post-session analysis: pure modules (no Django) run in order by ``pipeline``.

``decode`` (child process) → ``audio`` → ``video`` → ``text`` → ``scoring`` → ``feedback`` → ``drills``.
The Django glue (reading the session, writing the report) lives in ``interviews.services.analysis``.
"""

ANALYSIS_VERSION = "1"
