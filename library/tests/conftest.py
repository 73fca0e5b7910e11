"""Library test fixtures. The e2e fixtures (``page``, ``daphne_server``, ``live_server_url`` …) live in
``tests/e2e/conftest.py``, which only applies below ``tests/e2e/``; they are re-exported here so
``test_e2e_library.py`` can use them (the report hook keeps screenshots on failure working)."""

from tests.e2e.conftest import (  # noqa: F401
    _daphne_process,
    browser,
    console,
    daphne_server,
    live_server_url,
    page,
    pytest_runtest_makereport,
)
