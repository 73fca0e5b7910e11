from django import forms


class LeaderboardForm(forms.Form):
    opt_in = forms.BooleanField(required=False, label="Show me on the weekly leaderboard")
    show_as = forms.ChoiceField(
        choices=[("anonymous", "An anonymous handle"), ("name", "My display name")],
        initial="anonymous",
        widget=forms.RadioSelect,
        label="Appear as",
    )
