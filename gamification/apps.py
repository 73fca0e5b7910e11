from django.apps import AppConfig


class GamificationConfig(AppConfig):
    name = "gamification"

    def ready(self) -> None:
        from gamification.receivers import connect  # noqa: PLC0415

        connect()
