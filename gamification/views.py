"""The Locker Room (``/``), the weekly leaderboard and its opt-in.

The level-up toast: awards happen in signal receivers and Celery tasks, which have no request, so
``Progress.level`` moves there and ``Progress.level_seen`` records what the user was shown. The Locker Room
(the page everyone lands on) compares the two, adds a ``messages`` toast and marks the level seen with one
conditional UPDATE — so the toast shows once, on the next Locker Room view, and costs other pages nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import candidate_required
from gamification import presenters
from gamification.forms import LeaderboardForm
from gamification.selectors import (
    challenges_for_day,
    leaderboard_week,
    progress_for,
    progress_with_history,
    week_xp_for,
)
from gamification.services import (
    challenges_generate,
    leaderboard_settings_set,
    local_day,
    progress_level_seen_mark,
)


@require_safe
def home(request):
    """Visitors get the landing page; candidates get their Locker Room."""
    if not request.user.is_authenticated:
        return render(request, "gamification/landing.html")
    return locker_room(request)


@candidate_required
def locker_room(request):
    """The sections that depend on the history come from a per-user cache validated by the history's
    fingerprint, read with the progress row in one query (``presenters.locker_room_sections``); the
    challenges, the level-up toast and the form are read fresh."""
    user = request.user
    today = local_day(user=user)
    progress, history = progress_with_history(user=user)
    challenges = challenges_for_day(user=user, day=today)
    if not challenges:  # the cron has not reached this user today yet (idempotent)
        challenges_generate(user=user, day=today)
        challenges = challenges_for_day(user=user, day=today)
    level = progress.level
    if progress.pk and level > progress.level_seen and progress_level_seen_mark(user=user, level=level):
        messages.success(request, f"Level up! You reached level {level}.")
    context = {
        "sections": presenters.locker_room_sections(user=user, progress=progress, history=history, today=today),
        "challenges": challenges,
        "challenges_done": presenters.challenges_done(challenges),
        "progress": progress,
        "leaderboard_form": presenters.leaderboard_form(progress),
    }
    return render(request, "gamification/locker_room.html", context)


@candidate_required
@require_safe
def leaderboard(request):
    return render(request, "gamification/leaderboard.html", _leaderboard_context(request))


def _leaderboard_context(request, form=None) -> dict:
    now = timezone.now()
    progress = progress_for(user=request.user)
    return {
        "rows": leaderboard_week(moment=now),
        "my_week_xp": week_xp_for(user=request.user, moment=now),
        "progress": progress,
        "leaderboard_form": form or presenters.leaderboard_form(progress),
    }


@candidate_required
@require_POST
def leaderboard_settings(request):
    form = LeaderboardForm(request.POST)
    if not form.is_valid():
        return render(request, "gamification/leaderboard.html", _leaderboard_context(request, form), status=422)
    progress = leaderboard_settings_set(
        user=request.user, opt_in=form.cleaned_data["opt_in"], use_display_name=form.cleaned_data["show_as"] == "name"
    )
    if progress.leaderboard_opt_in:
        messages.success(request, f"You're on the weekly leaderboard as {progress.leaderboard_handle}.")
    else:
        messages.success(request, "You're off the weekly leaderboard.")
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return redirect(target if safe and target else "gamification:leaderboard")
