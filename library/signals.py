"""Signals this app sends to other apps (gamification listens; nothing in this app does).

``answer_saved``: a candidate saved a new answer to their Library. Sent once, after the transaction that
created it commits, with ``user`` and ``answer_id``. Duplicating an answer does not send it.
"""

from django.dispatch import Signal

answer_saved = Signal()
