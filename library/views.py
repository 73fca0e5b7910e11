from __future__ import annotations

import uuid
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from accounts.decorators import candidate_required
from copilot.ai.offline import estimate_speaking_seconds
from library import services
from library.export import answer_markdown, answers_markdown
from library.forms import AnswerFilterForm, AnswerForm, prefill_initial
from library.selectors import (
    answer_get_for_user,
    answer_list_for_user,
    answer_stats_for_user,
    rehearsal_list_for_answer,
    tag_list_for_user,
)
from library.star_templates import TEMPLATES, get_template

PAGE_SIZE = 20
INVALID = 422  # an invalid form re-renders with its errors; library.js lets htmx swap this status
ANSWERS_CHANGED = "answers-changed"  # client event: the results list refreshes itself


def owned_answer(view):
    """Load the answer through the access selector first, so another user's id is a 404 whatever the
    method (the method check runs after this)."""

    @wraps(view)
    def wrapper(request, answer_id: int, *args, **kwargs):
        answer = answer_get_for_user(user=request.user, answer_id=answer_id)
        return view(request, answer, *args, **kwargs)

    return wrapper


def _go(request, url: str):
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _markdown_response(markdown: str, filename: str) -> HttpResponse:
    response = HttpResponse(markdown, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@candidate_required
@require_safe
def answer_list(request):
    form = AnswerFilterForm(request.GET, tags=tag_list_for_user(user=request.user))
    filters = form.filters()
    page = Paginator(answer_list_for_user(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "filters": filters, "page": page}
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "library/answer_list.html#results", context)
    else:
        context["stats"] = answer_stats_for_user(user=request.user)
        response = render(request, "library/answer_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@candidate_required
@require_http_methods(["GET", "POST"])
def answer_create(request):
    """GET (query parameters) or POST without ``save`` opens the form prefilled; POST with ``save=1``
    validates and saves. Field names: see ``library.forms.PREFILL_FIELDS``."""
    data = request.POST if request.method == "POST" else request.GET
    template = get_template(data.get("template"))
    status = 200
    if request.method == "POST" and data.get("save") == "1":
        form = AnswerForm(request.POST, template=template)
        if form.is_valid():
            answer = services.answer_create(user=request.user, **form.cleaned_data)
            messages.success(request, "Answer saved to your Library.")
            return _go(request, answer.get_absolute_url())
        status = INVALID
    else:
        initial = _template_initial(template) | prefill_initial(data) | {"idempotency_key": uuid.uuid4()}
        form = AnswerForm(initial=initial, template=template)
    name = "library/answer_form.html#answer_form" if request.htmx else "library/answer_form.html"
    context = {"form": form, "template": template, "templates": TEMPLATES}
    return render(request, name, context, status=status)


def _template_initial(template) -> dict:
    if template is None:
        return {}
    fields = {"title": template.title, "question": template.question, "category": template.category}
    return fields | {"tags": ", ".join(template.tags)}


@candidate_required
@require_safe
def template_list(request):
    return render(request, "library/template_list.html", {"templates": TEMPLATES})


@candidate_required
@owned_answer
@require_safe
def answer_detail(request, answer):
    return render(request, "library/answer_detail.html", _detail_context(answer))


def _detail_context(answer, **extra) -> dict:
    spoken = answer.spoken_text
    return {
        "answer": answer,
        "rehearsals": rehearsal_list_for_answer(answer=answer),
        "word_count": len(spoken.split()),
        "speaking_time": _duration(estimate_speaking_seconds(spoken)) if spoken else "—",
        **extra,
    }


def _duration(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


@candidate_required
@owned_answer
@require_http_methods(["GET", "POST"])
def answer_edit(request, answer):
    title = answer.title  # the form writes into the instance while validating
    form = AnswerForm(request.POST or None, instance=answer, creating=False)
    if request.method == "POST" and form.is_valid():
        services.answer_update(answer=answer, **form.cleaned_data)
        messages.success(request, "Answer updated.")
        return _go(request, answer.get_absolute_url())
    name = "library/answer_form.html#answer_form" if request.htmx else "library/answer_form.html"
    context = {"form": form, "answer": answer, "original_title": title}
    return render(request, name, context, status=INVALID if form.errors else 200)


@candidate_required
@owned_answer
@require_http_methods(["GET", "POST"])
def answer_delete(request, answer):
    """GET asks for confirmation (a page, or a panel inside the list item under htmx); POST deletes."""
    if request.method == "GET":
        name = "library/answer_confirm_delete.html#confirm" if request.htmx else "library/answer_confirm_delete.html"
        return render(request, name, {"answer": answer})
    title = answer.title
    services.answer_delete(answer=answer)
    messages.success(request, f"Deleted “{title}”.")
    if not request.htmx:
        return redirect("library:answer_list")
    # The list item removes itself (empty body); the toast goes out of band and the results refresh.
    response = render(request, "library/answer_list.html#deleted", {})
    return trigger_client_event(response, ANSWERS_CHANGED)


@candidate_required
@owned_answer
@require_POST
def answer_duplicate(request, answer):
    copy = services.answer_duplicate(answer=answer)
    messages.success(request, "Copy created — change what you need and save.")
    return redirect("library:answer_edit", answer_id=copy.pk)


@candidate_required
@owned_answer
@require_POST
def answer_favorite(request, answer):
    services.answer_set_favorite(answer=answer, is_favorite=request.POST.get("is_favorite") == "1")
    if request.htmx:
        return render(request, "library/answer_detail.html#favorite", {"answer": answer})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect(answer)


@candidate_required
@owned_answer
@require_safe
def answer_export(request, answer):
    filename = f"{slugify(answer.title)[:60] or 'answer'}.md"
    return _markdown_response(answer_markdown(answer), filename)


@candidate_required
@require_safe
def answer_export_all(request):
    """Every answer matching the list's current filters (not only the visible page)."""
    filters = AnswerFilterForm(request.GET, tags=tag_list_for_user(user=request.user)).filters()
    answers = list(answer_list_for_user(user=request.user, filters=filters))
    today = timezone.localdate()
    subtitle = f"Exported from Interview Arena on {today:%Y-%m-%d} · {len(answers)} answer{'s' * (len(answers) != 1)}"
    if filters.active:
        subtitle += " · filtered"
    markdown = answers_markdown(answers, title="My interview answers", subtitle=subtitle)
    return _markdown_response(markdown, f"interview-answers-{today:%Y-%m-%d}.md")


@candidate_required
@owned_answer
@require_POST
def answer_rehearse(request, answer):
    """Record the rehearsal, then open the Green Room on this question (it reads ``question`` and
    ``answer`` from the query string once live interviews land)."""
    services.answer_rehearsal_record(answer=answer)
    query = urlencode({"question": answer.question, "answer": answer.pk})
    return redirect(f"{reverse('interviews:setup')}?{query}")


@candidate_required
@owned_answer
@require_POST
def answer_improve(request, answer):
    feedback = services.answer_improve(user=request.user, answer=answer) if answer.spoken_text else None
    context = _detail_context(answer, feedback=feedback, feedback_requested=True)
    name = "library/answer_detail.html#ai_feedback" if request.htmx else "library/answer_detail.html"
    return render(request, name, context)
