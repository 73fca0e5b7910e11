from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import candidate_required
from coding import selectors, services
from coding.diff import side_by_side
from coding.forms import DiffForm, DraftForm, ProblemFilterForm, ResetForm, SubmissionForm
from coding.models import Language, SubmissionStatus, Verdict
from coding.services.hints import HINT_LEVELS
from copilot.markdown import render_markdown

INVALID = 422


def _problem_url(problem) -> str:
    return reverse("coding:problem_detail", args=[problem.slug])


def with_problem(view):
    @wraps(view)
    def wrapper(request, slug: str, *args, **kwargs):
        return view(request, selectors.problem_get(slug=slug), *args, **kwargs)

    return wrapper


def owned_submission(view):
    """The access selector runs before the method check, so another user's id is a 404 for any method."""

    @wraps(view)
    def wrapper(request, submission_id: int, *args, **kwargs):
        submission = selectors.submission_get_for_user(user=request.user, submission_id=submission_id)
        return view(request, submission, *args, **kwargs)

    return wrapper


def result_context(submission) -> dict:
    """What the result panel (``submission_detail.html#result``) needs for one submission."""
    if submission is None:
        return {"submission": None}
    rows = [row | {"label": _verdict_label(row.get("verdict", ""))} for row in submission.results or []]
    failed = submission.first_failed_test
    failed_row = next((row for row in rows if row.get("index") == failed and not row.get("custom")), None)
    return {
        "submission": submission,
        "rows": rows,
        "first_failed_hidden": failed_row is not None and not failed_row.get("sample"),
        "standing": selectors.accepted_standing(submission=submission),
        "hist_width": selectors.HIST_WIDTH,
        "hist_height": selectors.HIST_HEIGHT,
    }


def _verdict_label(code: str) -> str:
    return Verdict(code).label if code in Verdict.values else code


@candidate_required
@require_safe
def problem_list(request):
    form = ProblemFilterForm(request.GET, topics=selectors.topic_list())
    problems = selectors.problem_list_for_user(user=request.user, **form.filters())
    context = {"form": form, "problems": problems}
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "coding/problem_list.html#results" if partial else "coding/problem_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@candidate_required
@require_safe
@with_problem
def problem_detail(request, problem):
    language = request.GET.get("language", "")
    drafts = selectors.draft_codes_for_user(user=request.user, problem=problem)
    starters = {key: (problem.starter or {}).get(key, "") for key in Language.values}
    if language not in Language.values:
        language = next(iter(drafts), Language.PYTHON)
    return render(request, "coding/problem_detail.html", _problem_context(request, problem, language, drafts, starters))


def _problem_context(request, problem, language, drafts, starters) -> dict:
    hints = selectors.hint_uses_for_user(user=request.user, problem=problem)
    return {
        "problem": problem,
        "statement_html": mark_safe(render_markdown(problem.statement)),  # noqa: S308 — sanitized
        "constraints_html": mark_safe(render_markdown(problem.constraints)),  # noqa: S308 — sanitized
        "samples": selectors.sample_tests(problem=problem),
        "language": language,
        "languages": Language.choices,
        "code": drafts.get(language, starters.get(language, "")),
        "drafts": drafts,
        "starters": starters,
        "unavailable": services.arena_unavailable_reason(),
        **result_context(selectors.submission_active_for_user(user=request.user, problem=problem)),
        **_hint_context(problem, hints),
    }


def _hint_context(problem, hints) -> dict:
    authored = len(problem.hints or [])
    for hint in hints:
        hint.html = mark_safe(render_markdown(hint.text))  # noqa: S308 — sanitized by nh3 in render_markdown
    return {
        "hints": hints,
        "next_hint_level": len(hints) + 1 if len(hints) < min(len(HINT_LEVELS), max(authored, 1)) else None,
    }


@candidate_required
@require_POST
@with_problem
def draft_save(request, problem):
    form = DraftForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=INVALID)
    services.draft_save(user=request.user, problem=problem, **form.cleaned_data)
    return HttpResponse(status=204)


@candidate_required
@require_POST
@with_problem
def draft_reset(request, problem):
    form = ResetForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=INVALID)
    language = form.cleaned_data["language"]
    services.draft_reset(user=request.user, problem=problem, language=language)
    if request.htmx:
        return HttpResponse(status=204)
    messages.info(request, "Your draft is back to the starter code.")
    return redirect(f"{_problem_url(problem)}?language={language}")


@candidate_required
@require_POST
@with_problem
def submission_create(request, problem):
    form = SubmissionForm(request.POST)
    if not form.is_valid():
        context = {"refusal": "Write some code first (and keep it under 64 KB).", "problem": problem}
        return _refused(request, problem, context)
    try:
        submission, _created = services.submission_create(user=request.user, problem=problem, **form.cleaned_data)
    except services.SubmissionRefused as refusal:
        return _refused(request, problem, {"refusal": refusal.message, "problem": problem})
    if request.htmx:
        return render(request, "coding/submission_detail.html#result", result_context(submission))
    return redirect("coding:submission_detail", submission_id=submission.pk)


def _refused(request, problem, context):
    if request.htmx:
        return render(request, "coding/submission_detail.html#result", context)
    messages.error(request, context["refusal"])
    return redirect(_problem_url(problem))


@candidate_required
@owned_submission
@require_safe
def submission_detail(request, submission):
    """The result panel polls this (HTMX) until the submission is judged; a stuck one is reaped here."""
    if submission.status != SubmissionStatus.DONE and services.submission_reap_stuck():
        submission.refresh_from_db()
    context = {"problem": submission.problem, **result_context(submission)}
    template = "coding/submission_detail.html#result" if request.htmx else "coding/submission_detail.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@candidate_required
@require_safe
@with_problem
def submission_history(request, problem):
    submissions = selectors.submission_list_for_user(user=request.user, problem=problem)
    return render(request, "coding/submission_history.html", {"problem": problem, "submissions": submissions})


@candidate_required
@require_safe
@with_problem
def submission_diff(request, problem):
    form = DiffForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Pick two submissions to compare.")
        return redirect("coding:submission_history", slug=problem.slug)
    older, newer = (
        selectors.submission_get_for_user(user=request.user, submission_id=form.cleaned_data[key]) for key in "ab"
    )
    context = {"problem": problem, "older": older, "newer": newer, "rows": side_by_side(older.code, newer.code)}
    return render(request, "coding/submission_diff.html", context)


@candidate_required
@require_POST
@with_problem
def hint_open(request, problem, level: int):
    error = ""
    try:
        services.hint_open(
            user=request.user,
            problem=problem,
            level=level,
            code=request.POST.get("code", ""),
            language=request.POST.get("language", ""),
        )
    except services.HintRefused as refusal:
        error = refusal.message
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_problem_url(problem))
    hints = selectors.hint_uses_for_user(user=request.user, problem=problem)
    context = {"problem": problem, "hint_error": error, **_hint_context(problem, hints)}
    return render(request, "coding/problem_detail.html#hints", context, status=INVALID if error else 200)
