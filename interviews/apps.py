from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"

    def ready(self) -> None:
        from interviews import admin_avatar  # noqa: F401, PLC0415 — registers PersonaAvatar with the admin
