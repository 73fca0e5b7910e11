from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import candidate_required


@require_safe
def home(request):
    """Visitors get the landing page; candidates get their Locker Room."""
    if not request.user.is_authenticated:
        return render(request, "gamification/landing.html")
    return locker_room(request)


@candidate_required
def locker_room(request):
    return render(request, "gamification/locker_room.html")
