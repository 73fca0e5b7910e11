"""Email backend for the embedded default: print every message and keep a copy under ``var/mail/``."""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(FileBackend):
    """Writes each message to a file in EMAIL_FILE_PATH (one file per connection) and to stdout."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._console = ConsoleBackend(*args, **kwargs)

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        self._console.send_messages(email_messages)
        return sent
