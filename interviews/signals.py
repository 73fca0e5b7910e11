"""Signals this app sends to other apps (gamification listens; nothing in this app does).

``interview_completed``: an interview's analysis finished (the session is ``analyzed``). Sent once per
analysis, after the transaction that stored the report commits, with ``sender=InterviewSession`` and
``session_id``, ``user_id`` (ints) and ``scores`` (the report's score values by dimension, e.g.
``{"overall": 71, "clarity": 80, ...}``). Listeners must be idempotent: a re-run analysis sends it again.
"""

from django.dispatch import Signal

interview_completed = Signal()
