from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.answer_list, name="answer_list"),
    path("new/", views.answer_create, name="answer_create"),
    path("templates/", views.template_list, name="template_list"),
    path("export/", views.answer_export_all, name="answer_export_all"),
    path("<int:answer_id>/", views.answer_detail, name="answer_detail"),
    path("<int:answer_id>/edit/", views.answer_edit, name="answer_edit"),
    path("<int:answer_id>/delete/", views.answer_delete, name="answer_delete"),
    path("<int:answer_id>/duplicate/", views.answer_duplicate, name="answer_duplicate"),
    path("<int:answer_id>/favorite/", views.answer_favorite, name="answer_favorite"),
    path("<int:answer_id>/export/", views.answer_export, name="answer_export"),
    path("<int:answer_id>/rehearse/", views.answer_rehearse, name="answer_rehearse"),
    path("<int:answer_id>/improve/", views.answer_improve, name="answer_improve"),
]
