from django.urls import path

from interviews.views import arena, setup

app_name = "interviews"

urlpatterns = [
    path("setup/", setup.setup, name="setup"),
    # --- arena
    path("<int:session_id>/", arena.arena, name="arena"),
    path("<int:session_id>/begin", arena.arena_begin, name="arena_begin"),
    path("<int:session_id>/turns/<int:turn_id>/answer", arena.arena_answer, name="arena_answer"),
    path("<int:session_id>/finish", arena.arena_finish, name="arena_finish"),
    path("<int:session_id>/segments/", arena.arena_segment_open, name="arena_segment_open"),
    path("<int:session_id>/segments/<int:segment_index>/chunks/<int:seq>", arena.arena_chunk, name="arena_chunk"),
    path("<int:session_id>/avatar.glb", arena.arena_avatar, name="arena_avatar"),
]
