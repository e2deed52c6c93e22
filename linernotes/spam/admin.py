"""The text model in the admin: which version is in use, what it learnt from
and how well it does (read-only: `linernotes spam train` and the worker make
models), and the training text kept from moderation decisions."""

from django.contrib import admin
from django.http import HttpRequest

from linernotes.core.admin import WrittenByServices

from .models import SpamModel, TrainingExample


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


@admin.register(SpamModel)
class SpamModelAdmin(WrittenByServices, admin.ModelAdmin):
    delete_by_hand = True

    list_display = [
        "version",
        "created_at",
        "site_trained",
        "threshold",
        "precision",
        "recall",
        "ham_fpr",
        "size",
    ]
    fields = [
        "version",
        "created_at",
        "site_trained",
        "trained_on",
        "threshold",
        "precision",
        "recall",
        "ham_fpr",
        "measured_on",
        "size",
    ]
    readonly_fields = fields

    @admin.display(description="precision")
    def precision(self, model: SpamModel) -> str:
        return _percent(model.metrics.get("precision"))

    @admin.display(description="recall")
    def recall(self, model: SpamModel) -> str:
        return _percent(model.metrics.get("recall"))

    @admin.display(description="ham false-positive rate")
    def ham_fpr(self, model: SpamModel) -> str:
        return _percent(model.metrics.get("ham_fpr"))

    @admin.display(description="measured on")
    def measured_on(self, model: SpamModel) -> str:
        return f"{model.metrics.get('measured_on', '–')} ({model.metrics.get('n', 0)})"

    @admin.display(description="stored size")
    def size(self, model: SpamModel) -> str:
        return f"{model.size_bytes / 1024 / 1024:.1f} MB"

    def get_queryset(self, request: HttpRequest):
        # The list never needs the vocabulary and weights (megabytes each).
        return super().get_queryset(request).defer("vocabulary", "weights")


@admin.register(TrainingExample)
class TrainingExampleAdmin(WrittenByServices, admin.ModelAdmin):
    """Kept text can be read and deleted (a writer may drop a bad example);
    it is added only from moderation decisions."""

    delete_by_hand = True

    list_display = ["short_text", "spam", "source", "created_at"]
    list_filter = ["spam", "source"]
    search_fields = ["text"]
    readonly_fields = ["comment_id", "text", "spam", "source", "created_at"]

    @admin.display(description="text")
    def short_text(self, example: TrainingExample) -> str:
        return example.text[:80]
