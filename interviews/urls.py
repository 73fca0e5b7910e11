from django.urls import path

from interviews import views

app_name = "interviews"

urlpatterns = [
    path("setup/", views.setup, name="setup"),
]
