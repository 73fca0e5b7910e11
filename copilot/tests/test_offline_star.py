"""STAR analysis of realistic answers (pure: no database)."""

import subprocess
import sys
import time

from copilot.ai.offline import analyze_star

FULL = (
    "At my last job, our checkout service started timing out during a peak sales weekend and we were losing "
    "orders. I was the on-call engineer and my goal was to restore checkout before the evening peak. I pulled "
    "the traces, found an N+1 query introduced by a deploy that morning and rewrote it with a single join. "
    "As a result, p95 latency dropped from 2.1 seconds to 180 ms and we processed 40% more orders that weekend."
)
NO_RESULT = (
    "When I was working at a logistics startup, our warehouse dashboard kept showing stale stock levels. "
    "I was responsible for the data pipeline behind it. I traced the delay to a nightly batch job, rewrote it "
    "as an hourly incremental load and added freshness alerts."
)
WE_ONLY = (
    "Our team was three weeks behind on a client launch. We needed to ship before the trade show. "
    "We split the scope into must-haves, we negotiated two features out and we ran daily check-ins. "
    "In the end we launched on time."
)


def part(analysis, name):
    return next(p for p in analysis.parts if p.part == name)


def test_a_full_answer_has_all_four_parts_with_spans_pointing_at_the_right_sentences():
    analysis = analyze_star(FULL)
    assert analysis.coverage == 1
    assert analysis.missing == []
    expected = {
        "situation": "At my last job",
        "task": "my goal was to restore checkout",
        "action": "I pulled the traces",
        "result": "As a result, p95 latency dropped",
    }
    for name, phrase in expected.items():
        evidence = part(analysis, name)
        assert evidence.present
        assert FULL[evidence.start : evidence.end] == evidence.evidence
        assert phrase in evidence.evidence


def test_an_answer_without_an_outcome_misses_the_result():
    analysis = analyze_star(NO_RESULT)
    assert analysis.missing == ["result"]
    assert analysis.coverage == 0.75
    assert not part(analysis, "result").evidence
    assert part(analysis, "result").start is None


def test_we_only_actions_count_as_action_but_are_flagged():
    analysis = analyze_star(WE_ONLY)
    assert part(analysis, "action").present
    assert "we negotiated" in part(analysis, "action").evidence
    assert analysis.team_only_action
    assert not analyze_star(FULL).team_only_action


def test_empty_short_and_foreign_answers_have_no_parts():
    for answer in ("", "   ", "It went fine.", "ça marche très bien, 我们做了很多工作 и всё хорошо", None):
        analysis = analyze_star(answer)
        assert analysis.coverage == 0
        assert analysis.missing == ["situation", "task", "action", "result"]


def test_offsets_survive_leading_whitespace_and_line_breaks():
    answer = "\n\n   " + NO_RESULT.replace(". ", ".\n")
    for evidence in analyze_star(answer).parts:
        if evidence.present:
            assert answer[evidence.start : evidence.end] == evidence.evidence


def test_a_very_long_answer_is_analysed_quickly():
    started = time.perf_counter()
    analysis = analyze_star(FULL * 2000)
    assert time.perf_counter() - started < 2
    assert analysis.coverage == 1


def test_the_offline_package_imports_without_django():
    code = "import sys, copilot.ai.offline; assert not [m for m in sys.modules if m.startswith('django')]"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=".", timeout=60)
