from django.urls import path

from coding import views

app_name = "coding"

urlpatterns = [
    path("", views.problem_list, name="problem_list"),
]
