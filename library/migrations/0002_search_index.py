"""A GIN expression index for full-text search, on PostgreSQL only (SQLite searches with LIKE).

The expression is a frozen copy of ``library.search.search_document()``: the planner uses the index only
when the query repeats it exactly, so a change there needs a new migration here
(``library/tests/test_search.py`` checks that the query plan uses the index).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "library_answer_search_gin"
CONFIG = "english"


def _index() -> GinIndex:
    document = (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("question", "tags_text", weight="B", config=CONFIG)
        + SearchVector("situation", "task", "action", "result", "text", weight="C", config=CONFIG)
    )
    return GinIndex(document, name=INDEX_NAME)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("library", "SavedAnswer"), _index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("library", "SavedAnswer"), _index())


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
