"""Three to five next drills from the scores (docs/scoring.md ``drills``). Pure: the caller passes the
Library's STAR templates and the coding topics, and resolves ``url_name`` + ``query`` into ``url``.

Order: the weakest dimension first. Candidates —
* ``library_template``: the Library template nearest (TF-IDF) to the question with the weakest STAR
  structure, prefilled with that question (``library:answer_create?template=&question=``);
* ``coach``: the STAR drafter on the lowest-scored answer (``copilot:star_drafter?question=``), and, when
  delivery (confidence/pace) is the weakest, the question generator for fresh rehearsal questions;
* ``coding``: for technical or mixed interviews, a problem list filtered on a coding topic named in the
  questions (``coding:problem_list?topic=``), when one matches;
* ``retake``: the weakest question again (``turn_index``; the review page builds the action).
"""

from __future__ import annotations

from copilot.ai.offline.text import content_terms, tfidf_cosine

MIN_DRILLS, MAX_DRILLS = 3, 5


def _weakest_structure(answers: list[dict]) -> dict | None:
    scored = [a for a in answers if a.get("star") and a.get("words")]
    return min(scored, key=lambda a: (a["star"]["coverage"], a["turn_index"]), default=None)


def _lowest_feedback(answers: list[dict], feedback: list[dict]) -> dict | None:
    by_turn = {a["turn_index"]: a for a in answers}
    worst = min(feedback, key=lambda f: (f["score"], f["turn_index"]), default=None)
    if worst is not None:
        return by_turn.get(worst["turn_index"])
    return _weakest_structure(answers)


def _dimension_order(scores: dict) -> list[str]:
    dims = scores.get("dimensions", {})
    have = [(d["score"], key) for key, d in dims.items() if d.get("score") is not None]
    return [key for _, key in sorted(have)]


def build(
    *,
    answers: list[dict],
    scores: dict,
    feedback: list[dict],
    interview_type: str,
    templates: list[tuple[str, str]],
    coding_topics: list[str],
) -> list[dict]:
    """``templates``: (key, question) pairs; ``coding_topics``: topic slugs that have problems."""
    order = _dimension_order(scores)
    weakest_dim = order[0] if order else "structure"
    drills: list[dict] = []
    weak_star = _weakest_structure(answers)
    if weak_star is not None and templates:
        key = max(templates, key=lambda t: tfidf_cosine(weak_star["question"], t[1]))[0]
        missing = weak_star["star"]["missing"]
        why = f"No clear {', '.join(missing)} in this answer." if missing else "Tighten the STAR shape of this answer."
        drills.append(
            {
                "kind": "library_template",
                "title": "Write this answer from a STAR template",
                "why": why,
                "dimension": "structure",
                "turn_index": weak_star["turn_index"],
                "url_name": "library:answer_create",
                "query": {"template": key, "question": weak_star["question"]},
            }
        )
    worst = _lowest_feedback(answers, feedback)
    if worst is not None:
        drills.append(
            {
                "kind": "coach",
                "title": "Draft a stronger version with the STAR drafter",
                "why": "Your lowest-scored answer.",
                "dimension": "clarity",
                "turn_index": worst["turn_index"],
                "url_name": "copilot:star_drafter",
                "query": {"question": worst["question"]},
            }
        )
    if weakest_dim in {"confidence", "pace", "engagement"}:
        drills.append(
            {
                "kind": "coach",
                "title": "Rehearse fresh questions out loud",
                "why": f"{weakest_dim.capitalize()} was your lowest score: practise delivery on new questions.",
                "dimension": weakest_dim,
                "turn_index": None,
                "url_name": "copilot:question_generator",
                "query": {},
            }
        )
    topic = _coding_topic(answers, coding_topics) if interview_type in {"technical", "mixed"} else None
    if topic:
        drills.append(
            {
                "kind": "coding",
                "title": f"Solve a {topic.replace('-', ' ')} problem",
                "why": "A topic from your technical questions.",
                "dimension": "clarity",
                "turn_index": None,
                "url_name": "coding:problem_list",
                "query": {"topic": topic},
            }
        )
    retake = worst or weak_star
    if retake is not None:
        drills.insert(
            min(1, len(drills)),
            {
                "kind": "retake",
                "title": "Retake your weakest answer",
                "why": "Answer it again and compare every metric side by side.",
                "dimension": weakest_dim,
                "turn_index": retake["turn_index"],
                "url_name": None,
                "query": {},
            },
        )
    if len(drills) < MIN_DRILLS:
        drills.append(
            {
                "kind": "library_template",
                "title": "Browse the STAR templates",
                "why": "Start a saved answer for a common question.",
                "dimension": "structure",
                "turn_index": None,
                "url_name": "library:template_list",
                "query": {},
            }
        )
    if len(drills) < MIN_DRILLS:
        drills.append(
            {
                "kind": "coach",
                "title": "Generate practice questions",
                "why": "Rehearse a few new questions out loud.",
                "dimension": weakest_dim,
                "turn_index": None,
                "url_name": "copilot:question_generator",
                "query": {},
            }
        )
    if len(drills) < MIN_DRILLS:
        drills.append(
            {
                "kind": "coach",
                "title": "Draft a STAR answer from your notes",
                "why": "Turn an experience into a structured answer.",
                "dimension": "structure",
                "turn_index": None,
                "url_name": "copilot:star_drafter",
                "query": {},
            }
        )
    return drills[:MAX_DRILLS]


def _coding_topic(answers: list[dict], topics: list[str]) -> str | None:
    words = set()
    for a in answers:
        words.update(content_terms(a.get("question", "")))
    for topic in topics:
        parts = set(content_terms(topic.replace("-", " ")))
        if parts and parts & words:
            return topic
    return None
