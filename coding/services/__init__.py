"""Writes of the coding arena, by sub-domain: drafts, submissions (create, judge, reap) and hints."""

from coding.services.drafts import draft_reset, draft_save
from coding.services.hints import HintRefused, hint_open
from coding.services.submissions import (
    SubmissionRefused,
    arena_unavailable_reason,
    submission_create,
    submission_judge,
    submission_reap_stuck,
)

__all__ = [
    "HintRefused",
    "SubmissionRefused",
    "arena_unavailable_reason",
    "draft_reset",
    "draft_save",
    "hint_open",
    "submission_create",
    "submission_judge",
    "submission_reap_stuck",
]
