"""Admin for persona avatars. Registered from ``InterviewsConfig.ready`` (``interviews/admin.py`` belongs to the
Green Room; this keeps the two apart until they are merged)."""

from __future__ import annotations

from django.contrib import admin

from interviews.models import PersonaAvatar


@admin.register(PersonaAvatar)
class PersonaAvatarAdmin(admin.ModelAdmin):
    list_display = ("persona", "model_file", "notes", "updated_at")
    readonly_fields = ("updated_at",)

    def save_model(self, request, obj, form, change):
        replaced = None
        if change and "model_file" in form.changed_data:
            replaced = PersonaAvatar.objects.filter(pk=obj.pk).values_list("model_file", flat=True).first()
        super().save_model(request, obj, form, change)
        if replaced and replaced != obj.model_file.name:
            obj.model_file.storage.delete(replaced)

    def delete_model(self, request, obj):
        obj.model_file.delete(save=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for avatar in queryset:
            avatar.model_file.delete(save=False)
        super().delete_queryset(request, queryset)
