from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"

    def ready(self) -> None:
        from interviews import cleanup  # noqa: F401, PLC0415 — deleting a user removes their media files
