"""The offline engine: pure-Python answers for every AI task, used when no model is configured, the user
is over their allowance, or the model fails. No Django import anywhere in this package; callers pass
plain data (question dicts from the bank, profile dicts, weak-area dicts) and get the schema types back."""

from .coach import coach_reply
from .drafter import draft_star, estimate_speaking_seconds
from .feedback import answer_feedback
from .follow_up import choose_follow_up
from .match import match_analysis
from .questions import role_family, select_questions
from .star import analyze_star

__all__ = [
    "analyze_star",
    "answer_feedback",
    "choose_follow_up",
    "coach_reply",
    "draft_star",
    "estimate_speaking_seconds",
    "match_analysis",
    "role_family",
    "select_questions",
]
