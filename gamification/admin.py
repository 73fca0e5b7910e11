import csv
import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from gamification import charts
from gamification.metrics import BAND_LABELS, csv_rows, staff_metrics
from gamification.models import DailyChallenge, EarnedBadge, Metrics, Progress, XPEvent

# --- progress, ledger, badges, challenges


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "xp",
        "level",
        "current_streak",
        "longest_streak",
        "last_practice_day",
        "leaderboard_opt_in",
    )
    list_filter = ("level", "leaderboard_opt_in")
    search_fields = ("user__email", "user__display_name", "leaderboard_handle")
    list_select_related = ("user",)
    readonly_fields = (
        "user",
        "xp",
        "level",
        "level_seen",
        "current_streak",
        "longest_streak",
        "last_practice_day",
        "recent_awards",
    )

    @admin.display(description="Latest awards (the append-only XP ledger)")
    def recent_awards(self, obj: Progress):
        events = XPEvent.objects.filter(user_id=obj.user_id).order_by("-created_at")[:50]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((e.created_at.strftime("%Y-%m-%d %H:%M"), e.get_source_display(), e.amount, e.reason) for e in events),
        )
        return format_html("<table><tbody>{}</tbody></table>", rows) if events else "—"

    def has_add_permission(self, request):
        return False  # rows are created by the first award


@admin.register(EarnedBadge)
class EarnedBadgeAdmin(admin.ModelAdmin):
    list_display = ("user", "code", "earned_at", "reason")
    list_filter = ("code", "earned_at")
    search_fields = ("user__email", "code")
    list_select_related = ("user",)
    readonly_fields = ("user", "code", "earned_at", "reason")

    def has_add_permission(self, request):
        return False  # badges are earned (or recomputed with `manage.py recompute_badges`)


@admin.register(DailyChallenge)
class DailyChallengeAdmin(admin.ModelAdmin):
    list_display = ("day", "user", "kind", "title", "focus", "progress", "goal", "xp", "status")
    list_filter = ("status", "kind", "focus", "day")
    search_fields = ("user__email", "title")
    list_select_related = ("user",)
    date_hierarchy = "day"
    readonly_fields = ("user", "day", "kind", "params", "progress", "completed_at", "created_at")

    def has_add_permission(self, request):
        return False  # created by `manage.py generate_daily_challenges`


# --- staff metrics


class MetricsRangeForm(forms.Form):
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and (end < start or (end - start).days > 366):
            raise forms.ValidationError("The end must be on or after the start, at most a year later.")
        return data


def _range(request) -> tuple[MetricsRangeForm, datetime.date, datetime.date]:
    today = timezone.localdate()
    default = {"start": today - datetime.timedelta(days=29), "end": today}
    form = MetricsRangeForm(request.GET if "start" in request.GET else None, initial=default)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default["start"], default["end"]


def _cell(value):
    """Spreadsheet-safe: a text cell never starts a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@"} and not text.lstrip("-").replace(".", "").isdigit() else text


@admin.register(Metrics)
class MetricsAdmin(admin.ModelAdmin):
    """The staff metrics page at /admin/gamification/metrics/ (the proxy model gives it an admin-index entry
    and a "view metrics" permission). It has no objects of its own: every object URL shows the page."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export.csv", export, name="gamification_metrics_export"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, start, end = _range(request)
        data = staff_metrics(start=start, end=end)
        context = {
            **self.admin_site.each_context(request),
            "title": "Metrics",
            "opts": self.model._meta,
            "form": form,
            "m": data,
            "band_labels": BAND_LABELS,
            "query": request.GET.urlencode(),
            "charts": self._charts(data),
        }
        return TemplateResponse(request, "admin/gamification/metrics.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.changelist_view(request)

    def delete_view(self, request, object_id, extra_context=None):
        return self.changelist_view(request)

    def history_view(self, request, object_id, extra_context=None):
        return self.changelist_view(request)

    @staticmethod
    def _charts(m) -> dict:
        svg = {
            "dau": charts.bar_chart(
                [(day.strftime("%b %-d"), n) for day, n in m.daily_active], label="Daily active users", key="dau"
            ),
            "weak": charts.bar_chart(
                [(d.capitalize(), n) for d, n in m.weak_areas], label="Weakest dimension per interview", key="weak"
            ),
            "badges": charts.bar_chart(
                [(name, pct) for name, _users, pct in m.badge_rates],
                label="Share of active users who earned each badge",
                key="badge",
                suffix="%",
                height=240,
            ),
            "scores": {
                d: charts.bar_chart(
                    list(zip(BAND_LABELS, bands, strict=True)),
                    label=f"{d} score bands",
                    key="score",
                    width=320,
                    height=160,
                )
                for d, bands in m.score_bands.items()
            },
        }
        return {
            "dau": mark_safe(svg["dau"]),  # noqa: S308 — the builders escape every text
            "weak": mark_safe(svg["weak"]),  # noqa: S308
            "badges": mark_safe(svg["badges"]),  # noqa: S308
            "scores": {d: mark_safe(s) for d, s in svg["scores"].items()},  # noqa: S308
        }

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        _form, start, end = _range(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="metrics-{start}-{end}.csv"'
        writer = csv.writer(response)
        for row in csv_rows(staff_metrics(start=start, end=end)):
            writer.writerow([_cell(value) for value in row])
        return response
