"""A release's track table in the desk: one row per track with its credit
line and its length as m:ss, saved whole through ``services.edit_tracks``;
and the tracks' own admin, kept for search only."""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .. import services
from ..models import Track


class LengthField(forms.CharField):
    """A track's length typed as the table shows it (m:ss), stored as seconds."""

    def to_python(self, value: str | None) -> int | None:
        try:
            return services.read_duration(super().to_python(value) or "")
        except services.DurationInvalid as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class TrackForm(forms.ModelForm):
    """One row of the release's track table: the credit line with its join
    phrases and the length as m:ss, each read back the way it is shown."""

    sort_order = forms.IntegerField(
        min_value=1,
        required=False,
        label="Order",
        help_text="Rows are saved in this order; drag a row by its handle, or "
        "change the numbers.",
        widget=forms.NumberInput(attrs={"class": "track-order", "size": 3}),
    )
    artists = forms.CharField(
        max_length=600,
        required=False,
        label="Artists",
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="As credited, with the words between them: "
        "“Kenny Loggins and Gladys Knight”.",
    )
    length = LengthField(
        required=False,
        label="Length",
        help_text="Minutes and seconds, as 3:52.",
        widget=forms.TextInput(attrs={"size": 6, "inputmode": "numeric"}),
    )

    class Meta:
        model = Track
        fields = ["sort_order", "disc", "position", "title"]
        widgets = {
            "disc": forms.NumberInput(attrs={"size": 2, "class": "track-disc"}),
            "position": forms.TextInput(attrs={"size": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "artists", services.credit_line(self.instance.credits.all())
            )
            self.initial.setdefault("length", self.instance.duration)
        # The table's columns are headed, not labelled: each input says what
        # it is to a screen reader, naming its track.
        track = f"“{self.instance.title}”" if self.instance.pk else "the new track"
        for name, field in self.fields.items():
            field.widget.attrs["aria-label"] = f"{field.label or name} of {track}"

    def _get_validation_exclusions(self) -> set[str]:
        """Positions are checked across the whole table (``TrackFormSet``,
        ``services.check_track_edits``): two rows may swap places, which the
        model's row-by-row check against the stored table would refuse."""
        return {*super()._get_validation_exclusions(), "position"}

    def edit(self) -> services.TrackEdit:
        data = self.cleaned_data
        return services.TrackEdit(
            track_id=self.instance.pk,
            disc=data.get("disc") or 1,
            position=data.get("position", ""),
            title=data.get("title", ""),
            duration_seconds=data.get("length"),
            artists=data.get("artists", ""),
            order=data.get("sort_order"),
        )


class TrackFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            track = f"“{form.instance.title}”" if form.instance.pk else "the new track"
            form.fields["DELETE"].widget.attrs["aria-label"] = f"Delete {track}"

    def table(self) -> tuple[list[services.TrackEdit], list[int]]:
        """The rows as the writer left them and the ids of the tracks deleted:
        valid rows only, and an untouched empty row is no track."""
        edits, deleted = [], []
        for row in self.forms:
            if not getattr(row, "cleaned_data", None):
                continue
            if self._should_delete_form(row):
                if row.instance.pk:
                    deleted.append(row.instance.pk)
            elif row.instance.pk or row.has_changed():
                edits.append(row.edit())
        return edits, deleted

    def clean(self) -> None:
        """The table as a whole: one position once per disc (the service's rule)."""
        super().clean()
        edits, _deleted = self.table()
        try:
            services.check_track_edits(edits)
        except services.TracksInvalid as error:
            raise forms.ValidationError(error.problems) from error


class TrackInline(admin.TabularInline):
    model = Track
    form = TrackForm
    formset = TrackFormSet
    fields = ["sort_order", "disc", "position", "artists", "title", "length"]
    extra = 0
    ordering = ["disc", "sort_order"]
    classes = ["track-table"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("credits__artist")


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    """Registered for search (standout tracks in a review); tracks are edited on
    their release."""

    list_display = ["title", "release", "disc", "position"]
    search_fields = ["title", "release__title"]
    list_select_related = ["release"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False
