"""Rule-based answer feedback (pure: no database)."""

import re

from copilot.ai.offline import answer_feedback
from copilot.ai.offline.feedback import delivery_score

from .test_offline_star import FULL, NO_RESULT, WE_ONLY

QUESTION = "Tell me about the hardest production incident you helped resolve. How did you find the root cause?"
VAGUE = "Um, I think we basically fixed it, you know, it was sort of a database thing and maybe it went fine."


def test_a_strong_quantified_star_answer_scores_well_above_a_vague_one():
    strong = answer_feedback(question=QUESTION, answer=FULL)
    vague = answer_feedback(question=QUESTION, answer=VAGUE)
    assert strong.score >= 80
    assert vague.score <= 30
    assert strong.score - vague.score >= 50
    assert len(strong.strengths) > len(vague.strengths)
    assert any("short" in g for g in vague.gaps)
    assert any("hedg" in g.lower() for g in vague.gaps)


def test_missing_parts_and_we_only_answers_lower_the_score_and_say_what_to_do():
    full = answer_feedback(question="", answer=FULL).score
    no_result = answer_feedback(question="", answer=NO_RESULT)
    we_only = answer_feedback(question="", answer=WE_ONLY)
    assert no_result.score < full
    assert any("result" in g and "outcome" in g for g in no_result.gaps)
    assert we_only.score < full
    assert any("'we'" in g.lower() for g in we_only.gaps)


def test_an_off_topic_answer_is_flagged_as_drifting():
    feedback = answer_feedback(question="How do you handle a price objection from a prospect?", answer=FULL)
    assert any("drifts" in g for g in feedback.gaps)


def test_the_rewrite_reorders_the_candidates_sentences_and_invents_nothing():
    shuffled = " ".join(reversed(re_sentences(NO_RESULT)))
    feedback = answer_feedback(question="", answer=shuffled)
    rewrite = feedback.rewrite
    assert rewrite.index("When I was working") < rewrite.index("I traced the delay")
    assert "[Add the measurable outcome: what changed, by how much?]" in rewrite
    without_prompts = re.sub(r"\[[^\]]*\]", "", rewrite)
    assert set(re.findall(r"\d+", without_prompts)) <= set(re.findall(r"\d+", shuffled))


def re_sentences(text):
    return re.findall(r"[^.]+\.", text)


def test_an_empty_answer_scores_zero_with_every_part_to_add():
    feedback = answer_feedback(question=QUESTION, answer="")
    assert feedback.score == 0
    assert feedback.rewrite.count("[Add") == 4


def test_delivery_metrics_count_when_given_and_unknown_keys_are_ignored():
    base = answer_feedback(question=QUESTION, answer=FULL).score
    poor = answer_feedback(question=QUESTION, answer=FULL, metrics={"wpm": 210, "fillers_per_min": 6}).score
    good = answer_feedback(question=QUESTION, answer=FULL, metrics={"wpm": 140, "eye_contact_pct": 0.8}).score
    assert poor < base <= good + 1
    assert delivery_score({"mood": "great", "wpm": "fast"}) == (None, [], [])
    score, _strengths, gaps = delivery_score({"wpm": 90, "longest_pause_s": 9, "eye_contact_pct": 40})
    assert score == 0
    assert len(gaps) == 3


def test_the_persona_frames_the_main_gap():
    frames = {
        p: answer_feedback(question=QUESTION, answer=VAGUE, persona_key=p).gaps[0]
        for p in ("friendly", "professional", "challenging")
    }
    assert len(set(frames.values())) == 3
