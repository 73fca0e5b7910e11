"""``config.settings`` for the processes an end-to-end test starts (daphne, the Celery worker).

Identical but for one thing: Celery publishes to and consumes from a queue of this pytest run's own
(``E2E_CELERY_QUEUE``, set by ``tests.e2e.server``). Redis is shared by everyone on a machine, so on the
default ``celery`` queue another run's worker could take this run's analysis (and find no such session in
its own test database), or this run's worker could take theirs.
"""

import os

from config.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["E2E_CELERY_QUEUE"]
