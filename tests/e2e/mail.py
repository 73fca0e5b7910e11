"""Read what ``config.mail.ConsoleAndFileBackend`` wrote: one ``.log`` file per connection, messages
separated by a line of 79 dashes (Django's file backend)."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from pathlib import Path

_SEPARATOR = re.compile(rb"^-{79}$", re.MULTILINE)


def read_messages(mail_dir: Path) -> list[EmailMessage]:
    messages = []
    for path in sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
        for chunk in _SEPARATOR.split(path.read_bytes()):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip(), policy=email.policy.default))
    return messages


def messages_to(mail_dir: Path, address: str) -> list[EmailMessage]:
    return [m for m in read_messages(mail_dir) if address.lower() in str(m["To"]).lower()]


def text_body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def confirmation_path(message: EmailMessage) -> str:
    """The ``/accounts/confirm-email/<key>/`` path in a verification mail (host dropped on purpose)."""
    match = re.search(r"/accounts/confirm-email/[^/\s]+/", text_body(message))
    if not match:
        raise AssertionError(f"no confirmation link in:\n{text_body(message)}")
    return match.group(0)
