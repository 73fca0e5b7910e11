"""Signals the coding arena sends to other apps (gamification listens; nothing in this app does).

``submission_judged`` is sent once per submission, after the transaction that stored its verdict commits,
with ``sender=Submission`` and these keyword arguments:
``submission_id``, ``user_id``, ``problem_id`` (ints), ``verdict`` ("AC", "WA", ... see ``Verdict``),
``kind`` ("run" or "submit"), ``language``, ``hints_used`` (hint levels opened before submitting),
``difficulty`` ("easy", "medium", "hard") and ``all_passed`` (every judged test passed).
"""

from django.dispatch import Signal

submission_judged = Signal()
