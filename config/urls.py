from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from config.health import healthz

admin.site.site_header = "Interview Arena — staff"
admin.site.site_title = "Interview Arena staff"
admin.site.index_title = "Run the arena"
# Admin sign-in goes through allauth's login, so its rate limits and email verification apply.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("interview/coding/", include("coding.urls")),
    path("interview/", include("interviews.urls")),
    path("coach/", include("copilot.urls")),
    path("library/", include("library.urls")),
    path("", include("gamification.urls")),
]
