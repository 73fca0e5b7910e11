"""The arena's pages: problem list (filters, acceptance in one query), problem page, drafts, history, diff."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.models import Draft, Submission, Verdict
from coding.selectors import histogram
from coding.tests.arena_factories import SUM_SOLUTIONS, make_problem, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def problems(db):
    return [
        make_problem(slug="add-two", title="Add Two Numbers", topics=["math"]),
        make_problem(slug="sum-strings", title="Sum Strings", difficulty="medium", topics=["strings", "math"]),
        make_problem(slug="hard-graph", title="Hard Graph", difficulty="hard", topics=["graphs"]),
    ]


def test_the_list_shows_acceptance_per_problem_in_one_query(
    candidate_client, candidate, other_candidate, problems, django_assert_max_num_queries
):
    add, strings, _graph = problems
    make_submission(user=candidate, problem=add)
    make_submission(user=other_candidate, problem=add, verdict=Verdict.WRONG_ANSWER)
    make_submission(user=other_candidate, problem=add, verdict=Verdict.WRONG_ANSWER)
    make_submission(user=other_candidate, problem=strings, verdict=Verdict.ACCEPTED)
    for _ in range(5):  # more rows must not mean more queries
        make_submission(user=other_candidate, problem=strings, verdict=Verdict.TIME_LIMIT)
    # session + user + email verified + topics + the list itself
    with django_assert_max_num_queries(6):
        response = candidate_client.get(reverse("coding:problem_list"))
    html = response.content.decode()
    assert "33 %" in html  # 1 of 3 on add-two
    assert "17 %" in html  # 1 of 6 on sum-strings
    assert 'aria-label="Solved"' in html


def test_filters_by_difficulty_topic_and_status_with_an_htmx_fragment(candidate_client, candidate, problems):
    add, strings, _graph = problems
    make_submission(user=candidate, problem=add)
    make_submission(user=candidate, problem=strings, verdict=Verdict.WRONG_ANSWER)
    url = reverse("coding:problem_list")

    def titles(**query):
        body = candidate_client.get(url, query, headers={"HX-Request": "true"}).content.decode()
        assert "<html" not in body
        assert 'id="problem-results"' in body
        return [p.title for p in problems if p.title in body]

    assert titles(difficulty="medium") == ["Sum Strings"]
    assert titles(topic="math") == ["Add Two Numbers", "Sum Strings"]
    assert titles(status="solved") == ["Add Two Numbers"]
    assert titles(status="attempted") == ["Sum Strings"]
    assert titles(status="new") == ["Hard Graph"]
    assert titles(difficulty="nonsense") == ["Add Two Numbers", "Sum Strings", "Hard Graph"]
    full = candidate_client.get(url, {"difficulty": "hard"}).content.decode()  # no JavaScript: a full page
    assert "<html" in full
    assert "Hard Graph" in full
    assert "Sum Strings" not in full


def test_the_problem_page_renders_sanitized_markdown_and_the_editor(candidate_client, problems):
    html = candidate_client.get(reverse("coding:problem_detail", args=["add-two"])).content.decode()
    assert "<strong>sum</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "vendor/monaco/vs/loader.js" in html
    assert "coding/arena.js" in html
    assert 'name="code"' in html
    assert "def add(a, b):" in html
    assert "Example 1" in html
    assert "10 -4" in html
    assert "123456789" not in html  # hidden tests are not


def test_an_unknown_or_inactive_problem_is_404(candidate_client, problems):
    problems[2].is_active = False
    problems[2].save(update_fields=["is_active"])
    assert candidate_client.get(reverse("coding:problem_detail", args=["hard-graph"])).status_code == 404
    assert candidate_client.get(reverse("coding:problem_detail", args=["nope"])).status_code == 404


def test_drafts_autosave_per_language_and_reset(candidate_client, candidate, problems):
    save = reverse("coding:draft_save", args=["add-two"])
    assert candidate_client.post(save, {"language": "python", "code": "# mine\n"}).status_code == 204
    assert candidate_client.post(save, {"language": "python", "code": "# mine, later\n"}).status_code == 204
    assert candidate_client.post(save, {"language": "java", "code": "// java\n"}).status_code == 204
    assert candidate_client.post(save, {"language": "cobol", "code": "x"}).status_code == 422
    assert dict(Draft.objects.values_list("language", "code")) == {"python": "# mine, later\n", "java": "// java\n"}

    page = candidate_client.get(reverse("coding:problem_detail", args=["add-two"]), {"language": "java"})
    assert "// java" in page.content.decode()
    response = candidate_client.post(reverse("coding:draft_reset", args=["add-two"]), {"language": "java"})
    assert response.status_code == 302
    assert response.url.endswith("?language=java")
    assert list(Draft.objects.values_list("language", flat=True)) == ["python"]
    page = candidate_client.get(response.url).content.decode()
    assert "long add(long a, long b)" in page


def test_another_users_submission_is_404_for_every_view(client, candidate, other_candidate, problems):
    mine = make_submission(user=candidate, problem=problems[0])
    theirs = make_submission(user=other_candidate, problem=problems[0])
    client.force_login(candidate)
    assert client.get(reverse("coding:submission_detail", args=[theirs.pk])).status_code == 404
    diff = reverse("coding:submission_diff", args=["add-two"])
    assert client.get(diff, {"a": mine.pk, "b": theirs.pk}).status_code == 404
    history = client.get(reverse("coding:submission_history", args=["add-two"])).content.decode()
    assert f"#{mine.pk}" in history
    assert f"#{theirs.pk}<" not in history


def test_the_diff_is_an_escaped_side_by_side_table(candidate_client, candidate, problems):
    older = make_submission(user=candidate, problem=problems[0], code="def add(a, b):\n    return a - b\n")
    newer = make_submission(
        user=candidate, problem=problems[0], code="def add(a, b):\n    return a + b  # <b>fixed</b>\n"
    )
    response = candidate_client.get(reverse("coding:submission_diff", args=["add-two"]), {"a": older.pk, "b": newer.pk})
    html = response.content.decode()
    assert 'class="diff__row diff__row--changed"' in html
    assert "return a - b" in html
    assert "&lt;b&gt;fixed&lt;/b&gt;" in html
    assert "<b>fixed</b>" not in html
    assert 'class="diff__row diff__row--same"' in html


def test_an_incomplete_diff_request_goes_back_to_history(candidate_client, problems):
    response = candidate_client.get(reverse("coding:submission_diff", args=["add-two"]), {"a": "x"})
    assert response.status_code == 302
    assert response.url == reverse("coding:submission_history", args=["add-two"])


def test_an_accepted_submission_is_placed_in_the_distribution(candidate_client, candidate, other_candidate, problems):
    for time_ms, memory_kb in [(10, 900), (20, 1000), (30, 1100), (40, 1200)]:
        make_submission(user=other_candidate, problem=problems[0], time_ms=time_ms, memory_kb=memory_kb)
    make_submission(user=other_candidate, problem=problems[0], language="java", time_ms=1, memory_kb=1)
    mine = make_submission(user=candidate, problem=problems[0], time_ms=15, memory_kb=1150)
    html = candidate_client.get(reverse("coding:submission_detail", args=[mine.pk])).content.decode()
    assert "Against 5 accepted Python submissions" in html
    assert "Faster than 75 %" in html  # 3 of the 4 others are slower
    assert "Less memory than 25 %" in html  # 1 of the 4 others uses more
    assert html.count("histogram__bar--mine") == 2
    assert "<svg" in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_histogram_marks_the_bar_that_holds_mine():
    bars = histogram([10, 10, 20, 40, 100], 40, bins=4)  # bins of 22.5 from 10
    assert len(bars) == 4
    assert [bar.mine for bar in bars] == [False, True, False, False]
    assert max(bar.height for bar in bars) == pytest.approx(62)
    assert histogram([], 5) == []
    assert len(histogram([7, 7, 7], 7)) == 1


def test_a_submission_page_without_htmx_is_a_full_page_with_the_code(candidate_client, candidate, problems):
    submission = make_submission(user=candidate, problem=problems[0], code=SUM_SOLUTIONS["python"] + "# <i>x</i>\n")
    html = candidate_client.get(reverse("coding:submission_detail", args=[submission.pk])).content.decode()
    assert "<html" in html
    assert "&lt;i&gt;x&lt;/i&gt;" in html
    assert Submission.objects.count() == 1
