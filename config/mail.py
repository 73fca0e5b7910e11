"""Email backend for the embedded default: print every message and keep a copy under ``var/mail/``."""

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(FileBackend):
    """One file per connection in ``file_path`` (as Django's file backend) and a copy on stdout."""

    def write_message(self, message):
        super().write_message(message)
        data = message.message().as_bytes()
        charset = message.message().get_charset()
        text = data.decode(charset.get_output_charset() if charset else "utf-8", errors="replace")
        print(f"{text}\n{'-' * 79}", flush=True)
