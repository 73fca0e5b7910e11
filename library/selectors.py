"""Reads of the Library, always scoped to one user. A foreign or missing id is a 404, never a 403."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from library.models import AnswerRehearsal, Category, SavedAnswer, Tag
from library.search import search_answers

SORTS = {
    "updated": ("-updated_at", "-id"),
    "created": ("-created_at", "-id"),
    "title": ("title", "id"),
    "relevance": ("-rank", "-updated_at", "-id"),
}
SORT_LABELS = {
    "relevance": "Best match",
    "updated": "Recently edited",
    "created": "Newest first",
    "title": "Title A–Z",
}


@dataclass(frozen=True)
class AnswerFilters:
    q: str = ""
    category: str = ""
    tag: str = ""
    favorite: bool = False
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        """Relevance only means something while searching; the default is relevance then, else updated."""
        if self.sort in SORTS and (self.sort != "relevance" or self.q.strip()):
            return self.sort
        return "relevance" if self.q.strip() else "updated"

    @property
    def active(self) -> bool:
        return bool(self.q.strip() or self.category or self.tag or self.favorite)


def answer_get_for_user(*, user, answer_id: int) -> SavedAnswer:
    return get_object_or_404(SavedAnswer.objects.prefetch_related("tags"), pk=answer_id, user=user)


def _rehearsal_count() -> Coalesce:
    counts = (
        AnswerRehearsal.objects.filter(answer=OuterRef("pk"))
        .order_by()
        .values("answer")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def answer_list_for_user(*, user, filters: AnswerFilters | None = None) -> QuerySet[SavedAnswer]:
    """The user's answers matching ``filters``, searched, ranked and sorted; tags prefetched and
    ``rehearsal_count`` annotated, so a page of any size costs the same number of queries."""
    filters = filters or AnswerFilters()
    queryset = SavedAnswer.objects.filter(user=user)
    if filters.category in Category.values:
        queryset = queryset.filter(category=filters.category)
    if filters.tag:
        queryset = queryset.filter(tags__name=filters.tag.lower())
    if filters.favorite:
        queryset = queryset.filter(is_favorite=True)
    queryset = search_answers(queryset, filters.q)
    return (
        queryset.annotate(rehearsal_count=_rehearsal_count())
        .prefetch_related("tags")
        .order_by(*SORTS[filters.effective_sort])
    )


def tag_list_for_user(*, user) -> QuerySet[Tag]:
    """The user's tags that label at least one answer, with ``answer_count``."""
    return Tag.objects.filter(user=user).annotate(answer_count=Count("answers")).filter(answer_count__gt=0)


def answer_stats_for_user(*, user) -> dict[str, int]:
    totals = SavedAnswer.objects.filter(user=user).aggregate(
        answers=Count("id"), favorites=Count("id", filter=Q(is_favorite=True))
    )
    totals["rehearsals"] = AnswerRehearsal.objects.filter(answer__user=user).count()
    return totals


def rehearsal_list_for_answer(*, answer: SavedAnswer, limit: int = 20) -> list[AnswerRehearsal]:
    return list(answer.rehearsals.all()[:limit])
