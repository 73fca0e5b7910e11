from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import candidate_required


@candidate_required
@require_safe
def setup(request):
    return render(request, "interviews/setup.html")
