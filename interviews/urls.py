from django.urls import path

from interviews.views import arena, setup
from interviews.views import review as review_views

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
    path("<int:session_id>/", arena.arena, name="arena"),
    path("<int:session_id>/begin", arena.arena_begin, name="arena_begin"),
    path("<int:session_id>/turns/<int:turn_id>/answer", arena.arena_answer, name="arena_answer"),
    path("<int:session_id>/finish", arena.arena_finish, name="arena_finish"),
    path("<int:session_id>/segments/", arena.arena_segment_open, name="arena_segment_open"),
    path("<int:session_id>/segments/<int:segment_index>/chunks/<int:seq>", arena.arena_chunk, name="arena_chunk"),
    path("<int:session_id>/avatar.glb", arena.arena_avatar, name="arena_avatar"),
    # --- review
    path("review/<int:session_id>/", review_views.review, name="review"),
    path("review/<int:session_id>/retry", review_views.review_retry, name="review_retry"),
    path("review/<int:session_id>/calibrate", review_views.review_calibrate, name="review_calibrate"),
    path("review/<int:session_id>/retake/<int:turn_index>", review_views.review_retake, name="review_retake"),
    path("review/<int:session_id>/report.pdf", review_views.review_pdf, name="review_pdf"),
    path("review/<int:session_id>/media/<int:segment_index>", review_views.review_media, name="review_media"),
    path("review/<int:session_id>/share/", review_views.review_shares, name="review_shares"),
    path(
        "review/<int:session_id>/share/<int:link_id>/revoke",
        review_views.review_share_revoke,
        name="review_share_revoke",
    ),
    path("share/<str:token>/", review_views.share, name="share"),
    path("share/<str:token>/media/<int:segment_index>", review_views.share_media, name="share_media"),
]
