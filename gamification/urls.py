from django.urls import path

from gamification import views

app_name = "gamification"

urlpatterns = [
    path("", views.home, name="locker_room"),
]
