from gamification.challenges import GENERIC, choose, matches


def test_three_different_challenges_worth_50_to_100_xp():
    for seed in ("1:2026-03-01", "2:2026-03-01", "3:2026-03-02", "4:2026-03-03"):
        specs = choose(seed=seed, weak_dimensions=[], languages_used=set())
        assert len(specs) == 3
        assert len({s.kind for s in specs}) == 3
        assert all(50 <= s.xp <= 100 for s in specs)


def test_the_same_user_and_day_always_get_the_same_three():
    a = choose(seed="7:2026-03-01", weak_dimensions=[("structure", 52.0)], languages_used={"python"})
    b = choose(seed="7:2026-03-01", weak_dimensions=[("structure", 52.0)], languages_used={"python"})
    assert a == b


def test_the_weakest_area_is_targeted_with_a_reachable_goal():
    specs = choose(seed="9:2026-03-01", weak_dimensions=[("clarity", 58.0), ("pace", 71.0)])
    first = specs[0]
    assert (first.kind, first.focus) == ("score_dimension", "clarity")
    assert first.params == {"dimension": "clarity", "target": 70}
    assert "Clarity" in first.description


def test_varied_across_days():
    kinds = {tuple(s.kind for s in choose(seed=f"5:2026-03-{d:02}", weak_dimensions=[])) for d in range(1, 15)}
    assert len(kinds) > 3


def test_rules_match_only_their_event_and_condition():
    assert matches("score_dimension", {"dimension": "clarity", "target": 80}, "interview_completed",
                   {"scores": {"clarity": {"value": 84}}})  # fmt: skip
    assert not matches("score_dimension", {"dimension": "clarity", "target": 80}, "interview_completed",
                       {"scores": {"clarity": 79}})  # fmt: skip
    assert not matches(
        "solve_medium", {}, "submission_judged", {"kind": "submit", "verdict": "AC", "difficulty": "easy"}
    )
    assert matches("solve_medium", {}, "submission_judged", {"kind": "submit", "verdict": "AC", "difficulty": "hard"})
    assert not matches("solve_any", {}, "submission_judged", {"kind": "run", "verdict": "AC"})
    assert not matches("save_star_answer", {}, "submission_judged", {})
    assert all(spec.kind for spec in GENERIC)


def test_every_goal_is_one_so_a_replayed_event_cannot_count_twice():
    # challenge_record_event relies on this (see its docstring).
    specs = list(GENERIC) + choose(seed="x", weak_dimensions=[("pace", 50.0)], languages_used={"python"})
    assert {spec.goal for spec in specs} == {1}
