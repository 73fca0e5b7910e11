from django.urls import path

from interviews.views import setup

app_name = "interviews"

urlpatterns = [
    path("setup/", setup.setup, name="setup"),
]
