from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import candidate_required
from accounts.forms import ProfileForm
from accounts.selectors import user_has_verified_email
from accounts.services import user_update_profile


@candidate_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, "Profile saved.")
        return redirect("accounts:profile")
    template = "accounts/profile.html#profile_form" if request.htmx else "accounts/profile.html"
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


@login_required
@require_safe
def verify_first(request):
    if user_has_verified_email(user=request.user):
        return redirect("gamification:locker_room")
    return render(request, "accounts/verify_first.html")
