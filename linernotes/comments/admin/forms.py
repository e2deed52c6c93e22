"""The forms of the moderation pages: a writer's reply, and a comment's own
page ("Edit"), both checked by the comments app's one body rule."""

from django import forms

from ..forms import checked_body
from ..models import Comment


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}))

    def clean_body(self) -> str:
        return checked_body(self.cleaned_data["body"])


class CommentEditForm(forms.ModelForm):
    """A comment's page ("Edit"): its text, in Markdown, and its status."""

    class Meta:
        model = Comment
        fields = ["body", "status"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"})
        }
        labels = {"body": "Text (Markdown)"}
        help_texts = {
            "body": "Fix a typo or take out a link; readers see the change at "
            "once, with no “edited” mark. What the spam model learnt keeps the "
            "commenter's own words."
        }

    def clean_body(self) -> str:
        return checked_body(self.cleaned_data["body"])
