from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from copilot.data.bank import QUESTIONS_DIR, BankError, read_bank
from copilot.models import Question

SYNCED_FIELDS = ("text", "role_family", "competency", "type", "difficulty", "seniority", "guidance")


def question_bank_sync(*, rows: list[dict[str, str]], prune: bool = False) -> dict[str, int]:
    """Upsert ``rows`` into Question by ``key`` in one transaction. Rows staff edited in admin
    (``edited_by_staff``) are skipped; unchanged rows are not written. ``prune`` deactivates questions
    whose key is no longer in the files (staff-edited ones too: their source is gone). Idempotent."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "deactivated": 0}
    with transaction.atomic():
        existing = {q.key: q for q in Question.objects.select_for_update().filter(key__in=[r["key"] for r in rows])}
        for row in rows:
            question = existing.get(row["key"])
            if question is None:
                Question.objects.create(**row)
                counts["created"] += 1
            elif question.edited_by_staff:
                counts["skipped"] += 1
            else:
                changed = [f for f in SYNCED_FIELDS if getattr(question, f) != row[f]]
                for field in changed:
                    setattr(question, field, row[field])
                if not question.is_active:  # back in the files: reactivate what --prune retired
                    question.is_active = True
                    changed.append("is_active")
                if changed:
                    question.save(update_fields=[*changed, "updated_at"])
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
        if prune:
            keys = [r["key"] for r in rows]
            counts["deactivated"] = (
                Question.objects.filter(is_active=True).exclude(key__in=keys).update(is_active=False)
            )
    return counts


class Command(BaseCommand):
    help = (
        "Load the curated interview questions from copilot/data/questions/*.jsonl into the question bank. "
        "Idempotent: matches on `key`, creates new questions, updates changed ones, leaves questions edited "
        "by staff in admin untouched. Every file is validated before anything is written. --prune "
        "deactivates questions whose key is no longer in the files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--prune", action="store_true", help="Deactivate questions missing from the files.")
        parser.add_argument("--path", default=str(QUESTIONS_DIR), help="Folder of *.jsonl files (default: bundled).")

    def handle(self, *args, **options):
        try:
            rows = read_bank(options["path"])
        except BankError as exc:
            raise CommandError(f"Question bank not loaded: {exc}") from exc
        counts = question_bank_sync(rows=rows, prune=options["prune"])
        self.stdout.write(self.style.SUCCESS(f"Question bank: {len(rows)} questions in the files."))
        self.stdout.write(
            "  created: {created}, updated: {updated}, unchanged: {unchanged}, "
            "skipped (edited by staff): {skipped}, deactivated: {deactivated}".format(**counts)
        )
