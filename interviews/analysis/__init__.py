"""Post-session analysis: pure modules (no Django) run in order by ``pipeline``.

``decode`` (child process) → ``audio`` → ``video`` → ``text`` → ``scoring`` → ``feedback`` → ``drills``.
The Django glue (reading the session, writing the report) lives in ``interviews.services.analysis``.
"""

ANALYSIS_VERSION = "2"  # 2: pitch every 20 ms (values within ~0.05 st of version 1)
