"""What readers can see, export and erase of their own data, and how long it is kept."""

from datetime import timedelta

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "linernotes.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from linernotes.core.periodic import register_periodic

        from .services import purge_expired_personal_data

        # Hourly, so no IP address or finished task's record outlives its
        # limit by much more than an hour; the purge is a few UPDATEs and one
        # DELETE that find nothing most runs.
        register_periodic(
            "privacy.purge_expired_personal_data",
            timedelta(hours=1),
            purge_expired_personal_data,
        )
