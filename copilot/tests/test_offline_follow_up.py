"""Follow-up questions chosen from what an answer lacks (pure: no database)."""

from copilot.ai.offline import choose_follow_up

from .test_offline_star import FULL, NO_RESULT, WE_ONLY

PERSONAS = ("friendly", "professional", "challenging")
Q = "Tell me about a time you fixed something that was failing."


def test_a_complete_answer_gets_no_follow_up_from_anyone():
    for persona in PERSONAS:
        assert not choose_follow_up(question=Q, answer=FULL, persona_key=persona).ask


def test_no_result_asks_for_the_outcome_in_numbers():
    follow_up = choose_follow_up(question=Q, answer=NO_RESULT, persona_key="professional")
    assert follow_up.ask
    assert "what was the outcome, in numbers?" in follow_up.question.lower()
    assert follow_up.reason == "the answer has no outcome"


def test_we_only_asks_what_you_personally_did():
    follow_up = choose_follow_up(question=Q, answer=WE_ONLY, persona_key="challenging")
    assert follow_up.ask
    assert "*you*" in follow_up.question or "yours" in follow_up.question


def test_a_short_vague_answer_asks_for_a_specific_example_from_every_persona():
    questions = {
        p: choose_follow_up(question=Q, answer="It went fine, we worked hard.", persona_key=p) for p in PERSONAS
    }
    assert all(f.ask for f in questions.values())
    assert len({f.question for f in questions.values()}) == 3
    assert "I'd love" in questions["friendly"].question or "Could you" in questions["friendly"].question


def test_no_context_asks_for_the_situation_only_when_the_persona_probes_hard():
    answer = (
        "I was responsible for the migration plan. I rewrote the import scripts, tested them on a copy and "
        "ran the cut-over at night. As a result we moved 2 million rows with 5 minutes of downtime."
    )
    asked = {p: choose_follow_up(question=Q, answer=answer, persona_key=p) for p in PERSONAS}
    assert not asked["friendly"].ask
    assert not asked["professional"].ask
    assert asked["challenging"].ask
    assert "context" in asked["challenging"].question.lower()


def test_a_technical_answer_without_trade_offs_asks_about_alternatives():
    question = "How would you design a cache for the product catalogue?"
    answer = (
        "At my last job the catalogue API was slow. I was responsible for it. I added Redis in front of the "
        "database with a 5 minute TTL. As a result p95 latency dropped by 70%."
    )
    follow_up = choose_follow_up(question=question, answer=answer, persona_key="professional")
    assert follow_up.ask
    assert "alternatives" in follow_up.question


def test_friendly_asks_only_for_big_gaps_and_is_an_invitation():
    assert not choose_follow_up(question=Q, answer=NO_RESULT, persona_key="friendly").ask
    challenging = choose_follow_up(question=Q, answer=NO_RESULT, persona_key="challenging")
    assert challenging.ask
    assert "isn't a result" in challenging.question


def test_the_same_input_always_gets_the_same_follow_up():
    first = choose_follow_up(question=Q, answer=WE_ONLY, persona_key="challenging")
    assert all(choose_follow_up(question=Q, answer=WE_ONLY, persona_key="challenging") == first for _ in range(5))
