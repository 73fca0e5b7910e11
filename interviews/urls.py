from django.urls import path

from interviews.views import setup

app_name = "interviews"

urlpatterns = [
    # --- green room
    path("setup/", setup.setup, name="setup"),
    path("sessions/", setup.session_list, name="session_list"),
    path("sessions/<int:session_id>/delete/", setup.session_delete, name="session_delete"),
    path("resumes/", setup.resume_list, name="resume_list"),
    path("resumes/<int:resume_id>/rename/", setup.resume_rename, name="resume_rename"),
    path("resumes/<int:resume_id>/delete/", setup.resume_delete, name="resume_delete"),
    path("resumes/<int:resume_id>/file/", setup.resume_download, name="resume_download"),
    # --- arena
]
