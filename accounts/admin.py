from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import User


class UserAddForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    extra = 0
    fields = ["email", "verified", "primary"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserAddForm
    form = UserEditForm
    ordering = ["-date_joined"]
    list_display = ["email", "display_name", "target_role", "experience_level", "tier", "is_staff", "date_joined"]
    list_filter = ["tier", "experience_level", "is_staff", "is_superuser", "is_active", "date_joined"]
    search_fields = ["email", "display_name", "target_role"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [EmailAddressInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["display_name", "time_zone", "target_role", "experience_level", "tier"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2", "tier"]})
    ]
