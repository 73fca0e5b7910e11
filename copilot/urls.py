from django.urls import path

from copilot import views

app_name = "copilot"

urlpatterns = [
    path("", views.coach, name="coach"),
]
