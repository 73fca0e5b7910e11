from django.urls import path

from gamification import views

app_name = "gamification"

urlpatterns = [
    path("", views.home, name="locker_room"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("leaderboard/settings/", views.leaderboard_settings, name="leaderboard_settings"),
]
