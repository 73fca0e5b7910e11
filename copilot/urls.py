from django.urls import path

from copilot import views

app_name = "copilot"

urlpatterns = [
    path("", views.coach, name="coach"),
    path("new/", views.conversation_create, name="conversation_create"),
    path("prepare/", views.job_prep, name="job_prep"),
    path("star/", views.star_drafter, name="star_drafter"),
    path("questions/", views.question_generator, name="question_generator"),
    path("c/<int:conversation_id>/", views.conversation_detail, name="conversation_detail"),
    path("c/<int:conversation_id>/rename/", views.conversation_rename, name="conversation_rename"),
    path("c/<int:conversation_id>/delete/", views.conversation_delete, name="conversation_delete"),
    path("c/<int:conversation_id>/messages/", views.message_create, name="message_create"),
    path("c/<int:conversation_id>/messages/<int:message_id>/", views.message_detail, name="message_detail"),
    path("c/<int:conversation_id>/messages/<int:message_id>/stream/", views.reply_stream, name="reply_stream"),
]
