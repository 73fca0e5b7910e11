"""The Celery application. Tasks take ids, use the JSON serializer, and live in each app's ``tasks``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("interview_arena")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping", ignore_result=False, acks_late=True)
def ping() -> str:
    """A no-op round trip: proves a worker consumes the broker and writes the result backend."""
    return "pong"
