from django.urls import path

from coding import views

app_name = "coding"

urlpatterns = [
    path("", views.problem_list, name="problem_list"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission_detail"),
    path("<slug:slug>/", views.problem_detail, name="problem_detail"),
    path("<slug:slug>/draft/", views.draft_save, name="draft_save"),
    path("<slug:slug>/draft/reset/", views.draft_reset, name="draft_reset"),
    path("<slug:slug>/submit/", views.submission_create, name="submission_create"),
    path("<slug:slug>/history/", views.submission_history, name="submission_history"),
    path("<slug:slug>/diff/", views.submission_diff, name="submission_diff"),
    path("<slug:slug>/hints/<int:level>/", views.hint_open, name="hint_open"),
]
