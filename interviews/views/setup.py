"""The Green Room (setup), the résumé shelf and the sessions list.

The setup page is one form with three submit actions — ``upload``, ``match`` and ``start`` — so it works
without JavaScript; with htmx the first two swap only their own fragment and leave everything typed in place.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from accounts.decorators import candidate_required
from copilot.ai.personas import PERSONAS, get_persona
from interviews import extract, selectors
from interviews.extract import ExtractionError
from interviews.forms import ResumeRenameForm, SetupForm, UploadLimit, too_large_error
from interviews.models import SessionStatus
from interviews.services import resumes as resume_services
from interviews.services import setup as setup_services
from interviews.services.setup import SessionChoices

RESUMABLE = {SessionStatus.READY, SessionStatus.LIVE}
STATUS_TONES = {
    SessionStatus.READY: "info",
    SessionStatus.LIVE: "accent",
    SessionStatus.ANALYZED: "success",
    SessionStatus.FAILED: "danger",
    SessionStatus.ANALYZING: "warning",
    SessionStatus.UPLOADED: "warning",
}


# ------------------------------------------------------------------------------------------------
# Green Room
# ------------------------------------------------------------------------------------------------
@csrf_exempt  # only so the upload handlers can be set before the body is parsed; checked just below
@candidate_required
@require_http_methods(["GET", "POST"])
def setup(request):
    limit = None
    if request.method == "POST":
        limit = UploadLimit(request)
        request.upload_handlers = [limit, TemporaryFileUploadHandler(request)]
    return _setup(request, limit)


@csrf_protect
def _setup(request, limit: UploadLimit | None):
    if request.method == "GET":
        form = SetupForm(user=request.user, initial=SetupForm.initial_from_query(request.GET))
        return _render_setup(request, form)
    form, uploaded = _take_upload(request, SetupForm(request.POST, request.FILES, user=request.user), limit)
    action = request.POST.get("action", "start")
    if action == "upload":
        if not uploaded and not form.has_error("resume_file"):
            form.add_error("resume_file", "Choose a file to upload first.")
        return _render_setup(request, form, partial="resume_picker")
    if action == "match":
        return _render_match(request, form, uploaded=uploaded)
    if form.has_error("resume_file") or not form.is_valid():
        return _render_setup(request, form)
    session, created = _start(request, form)
    if not created:
        messages.info(request, "This interview was already set up — here it is.")
    url = arena_url(session)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _take_upload(request, form: SetupForm, limit: UploadLimit | None) -> tuple[SetupForm, bool]:
    """Store a résumé sent with any action. On success the form is re-bound with it selected (and the file
    field cleared); on failure the error sits on the file field and everything else stays as typed."""
    if limit is not None and "resume_file" in limit.too_large:
        form.add_error("resume_file", too_large_error(limit.too_large["resume_file"]))
        return form, False
    upload = request.FILES.get("resume_file")
    if upload is None:
        return form, False
    try:
        resume = resume_services.resume_create(
            user=request.user, upload=upload, name=request.POST.get("resume_name", "")[:120]
        )
    except ExtractionError as error:
        form.add_error("resume_file", error.message)
        return form, False
    data = request.POST.copy()
    data["resume"] = str(resume.pk)
    data["resume_name"] = ""
    return SetupForm(data, user=request.user), True


def _chosen_job_text(form: SetupForm) -> str:
    data = form.cleaned_data
    return data.get("job_text") or (data["job"].text if data.get("job") else "")


def _render_match(request, form: SetupForm, *, uploaded: bool):
    match, problems = None, []
    if form.is_valid():
        resume, job_text = form.cleaned_data.get("resume"), _chosen_job_text(form)
        if resume is None:
            problems.append("Pick or upload a résumé first.")
        if not job_text:
            problems.append("Paste a job description (or pick one you used before) first.")
        if not problems:
            match = setup_services.match_analyze(user=request.user, resume=resume, job_text=job_text)
    else:
        problems = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
    if not request.htmx:
        return _render_setup(request, form, match=match, match_problems=problems)
    context = _setup_context(request, form, match=match, match_problems=problems)
    html = render_to_string("interviews/setup.html#match", context, request)
    if uploaded:  # the new résumé joins the list too (out of band)
        html += render_to_string("interviews/setup.html#resume_picker", {**context, "oob": True}, request)
    return HttpResponse(html)


def _start(request, form: SetupForm):
    data = form.cleaned_data
    resume, job_text = data.get("resume"), _chosen_job_text(form)
    job = None
    if job_text:
        job = setup_services.job_save(
            user=request.user, text=job_text, title=data.get("job_title", ""), company=data.get("job_company", "")
        )
    match = {}
    if resume is not None and job_text:
        match = setup_services.match_analyze(user=request.user, resume=resume, job_text=job_text)
    if data.get("answer"):
        match = {**match, "library_answer": data["answer"]}  # kept for the Library's rehearsal link
    choices = SessionChoices(
        persona=data["persona"],
        interview_type=data["interview_type"],
        question_count=data["question_count"],
        background=data["background"],
        media_mode=data["media_mode"],
        starting_question=data.get("starting_question", ""),
    )
    return setup_services.session_create(
        user=request.user, token=data["token"], choices=choices, resume=resume, job=job, match=match
    )


def _setup_context(request, form: SetupForm, **extra) -> dict:
    persona_options = list(zip(form["persona"], PERSONAS.values(), strict=False))
    return {"form": form, "persona_options": persona_options, "upload_limit_bytes": extract.MAX_UPLOAD_BYTES, **extra}


def _render_setup(request, form: SetupForm, *, partial: str = "", **extra):
    template = "interviews/setup.html"
    if partial and request.htmx:
        template += f"#{partial}"
    return render(request, template, _setup_context(request, form, **extra))


def arena_url(session) -> str:
    """The Arena page for ``session``; the sessions list until the Arena's URL exists."""
    try:
        return reverse("interviews:arena", args=[session.pk])
    except NoReverseMatch:
        return reverse("interviews:session_list")


# ------------------------------------------------------------------------------------------------
# Sessions
# ------------------------------------------------------------------------------------------------
@candidate_required
@require_safe
def session_list(request):
    sessions = list(selectors.session_list_for_user(user=request.user))
    for session in sessions:
        session.resume_url = arena_url(session) if session.status in RESUMABLE else ""
        session.persona_name = get_persona(session.persona).name
        session.status_tone = STATUS_TONES.get(session.status, "neutral")
    return render(request, "interviews/session_list.html", {"sessions": sessions})


@candidate_required
@require_http_methods(["GET", "POST"])
def session_delete(request, session_id: int):
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    if request.method == "GET":
        template = "interviews/session_confirm_delete.html"
        return render(request, f"{template}#confirm" if request.htmx else template, {"session": session})
    setup_services.session_delete(session=session)
    messages.success(request, "The interview and its recordings were deleted.")
    url = reverse("interviews:session_list")
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# ------------------------------------------------------------------------------------------------
# Résumés
# ------------------------------------------------------------------------------------------------
@candidate_required
@require_safe
def resume_list(request):
    return render(
        request, "interviews/resume_list.html", {"resumes": selectors.resume_list_for_user(user=request.user)}
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def resume_rename(request, resume_id: int):
    resume = selectors.resume_get_for_user(user=request.user, resume_id=resume_id)
    template = "interviews/resume_list.html"
    if request.method == "GET":
        form = ResumeRenameForm(initial={"name": resume.name})
        if request.htmx:
            return render(request, f"{template}#rename_form", {"resume": resume, "form": form})
        return render(request, "interviews/resume_rename.html", {"resume": resume, "form": form})
    form = ResumeRenameForm(request.POST)
    if not form.is_valid():
        partial = f"{template}#rename_form" if request.htmx else "interviews/resume_rename.html"
        return render(request, partial, {"resume": resume, "form": form})
    resume_services.resume_rename(resume=resume, name=form.cleaned_data["name"])
    if request.htmx:
        return render(request, f"{template}#resume_row", {"resume": resume})
    messages.success(request, "Résumé renamed.")
    return redirect("interviews:resume_list")


@candidate_required
@require_http_methods(["GET", "POST"])
def resume_delete(request, resume_id: int):
    resume = selectors.resume_get_for_user(user=request.user, resume_id=resume_id)
    if request.method == "GET":
        template = "interviews/resume_confirm_delete.html"
        return render(request, f"{template}#confirm" if request.htmx else template, {"resume": resume})
    resume_services.resume_delete(resume=resume)
    messages.success(request, f"“{resume.name}” was deleted.")
    url = reverse("interviews:resume_list")
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@candidate_required
@require_safe
def resume_download(request, resume_id: int):
    """The owner's own file, always as an attachment with its stored type (never rendered inline)."""
    resume = selectors.resume_get_for_user(user=request.user, resume_id=resume_id)
    response = FileResponse(
        resume.file.open("rb"),
        as_attachment=True,
        filename=resume.original_filename or "resume",
        content_type=resume.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
