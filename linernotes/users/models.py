"""The custom User, from day one, so profiles and roles never need a migration dance."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from linernotes.core.routing import reverse_cached

from .avatars import avatar_url_for


class User(AbstractUser):
    display_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="Shown on posts and comments instead of the username.",
    )
    bio = models.TextField(
        blank=True, help_text="A few lines shown on the author page."
    )
    avatar = models.ImageField(
        upload_to="avatars/",
        blank=True,
        help_text="Uploaded picture; without one a generated pattern is shown.",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.public_name

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:author", username=self.username)

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def avatar_url(self) -> str:
        """The uploaded picture, else Gravatar (if switched on), else an identicon."""
        return avatar_url_for(self)
