"""``linernotes demo``: load the demo blog. Running it again changes nothing."""

from django.core.management.base import BaseCommand

from linernotes.posts.models import Post
from linernotes.transfer.demo import load_demo


class Command(BaseCommand):
    help = "Load a small demo blog that shows every feature. Safe to run twice."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the blog has no posts yet (what `make run` uses).",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if if_empty and Post.objects.exists():
            self.stdout.write("The blog already has posts; demo content not loaded.")
            return
        created = load_demo()
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {created} new item(s).")
            )
        else:
            self.stdout.write("Demo content was already there; nothing changed.")
