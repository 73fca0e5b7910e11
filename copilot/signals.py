"""Signals this app sends to other apps (gamification listens; nothing in this app does).

``coach_message_sent``: a candidate sent the Coach a message. Sent after the transaction that stored it
commits, with ``sender=ChatMessage``, ``user_id``, ``message_id`` and ``conversation_id``.
"""

from django.dispatch import Signal

coach_message_sent = Signal()
