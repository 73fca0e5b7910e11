"""Post-session analysis: pure modules (no Django) run in order by ``pipeline``.

``decode`` (child process) → ``audio`` → ``video`` → ``text`` → ``scoring`` → ``feedback`` → ``drills``.
The Django glue (reading the session, writing the report) lives in ``interviews.services.analysis``.
"""

ANALYSIS_VERSION = "3"  # 2: pitch every 20 ms (within ~0.05 st of 1); 3: nuclei found at 8 kHz (−2…+2 % vs 2)
