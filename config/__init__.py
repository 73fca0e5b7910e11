from config import dbfork  # noqa: F401  (registers the fork hook for pooled connections)
from config.celery import app as celery_app

__all__ = ["celery_app"]
