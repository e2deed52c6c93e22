from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings


class StatsConfig(AppConfig):
    name = "linernotes.stats"
    label = "stats"
    verbose_name = "Reading statistics"

    def ready(self) -> None:
        from linernotes.core.periodic import register_periodic

        from .services import fold_views

        # The worker moves the counts the app servers left in the shared cache
        # into the database; with a per-process cache each web process does it
        # for itself (stats.local), and this run finds nothing, harmlessly.
        register_periodic(
            "stats.fold_views",
            timedelta(seconds=settings.LINERNOTES_STATS_FOLD_SECONDS),
            fold_views,
        )
