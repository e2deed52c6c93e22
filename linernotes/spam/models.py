"""The spam filter's stored state: trained text models and the training text
kept from moderation decisions."""

from django.db import models
from django.utils import timezone


class SpamModel(models.Model):
    """One trained text model, as data (decision 0034): the terms of each
    vectoriser as JSON and the numbers (intercept, idf, coefficients) as
    little-endian float64 bytes. Never a pickle: loading it runs no code.

    The row with the highest version is the one every process uses.
    """

    version = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    trained_on = models.TextField(help_text="What the model learnt from, in words.")
    site_trained = models.BooleanField(
        default=False,
        help_text="Trained on this site's own moderation decisions, not only the "
        "public cold-start data.",
    )
    vocabulary = models.TextField()
    weights = models.BinaryField()
    threshold = models.FloatField(help_text="Spam when the probability reaches this.")
    metrics = models.JSONField(
        default=dict, help_text="Precision, recall, ham FPR and how they were measured."
    )

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"spam text model v{self.version}"

    @property
    def size_bytes(self) -> int:
        return len(self.vocabulary.encode()) + len(self.weights)


class TrainingExample(models.Model):
    """A comment's text and the writer's verdict on it, and nothing else about
    the commenter. Kept for LINERNOTES_SPAM_TRAINING_DAYS after the decision,
    even once the spam itself has been purged, so the next training still
    learns from it."""

    class Source(models.TextChoices):
        MODERATION = "moderation", "Moderation decision"
        IMPORT = "import", "Imported"

    # Not a foreign key: the comment may be deleted while the text is kept.
    comment_id = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    text = models.TextField()
    spam = models.BooleanField()
    source = models.CharField(
        max_length=12, choices=Source.choices, default=Source.MODERATION
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{'spam' if self.spam else 'ham'}: {self.text[:40]}"
