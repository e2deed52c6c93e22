"""``linernotes serve``: collect static files and run gunicorn in the foreground.

The same server and settings the README's deployment section describes, so what
`make run` serves is what production serves.

The access log leaves out the reader's address (gunicorn's default format opens
with it): the privacy page promises the address is shortened before anything
stores it, and gunicorn cannot shorten it, so the log keeps the time, request,
status, size, duration, referrer and user agent only. Behind a proxy the peer is
the proxy anyway; the proxy's own log is the README's to configure.
"""

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# gunicorn's default without %(h)s (the peer's address) and %(l)s/%(u)s (ident
# and basic-auth user, never set here); %(M)s is the time taken in milliseconds.
ACCESS_LOG_FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'


class Command(BaseCommand):
    help = "Serve the blog with gunicorn (static files through WhiteNoise)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3"))
        )

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        # What a public blog must set (the address mail links point to) is
        # said here and by `check --deploy`, not by every command.
        self.check(tags=["linernotes"], include_deployment_checks=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which(
            "gunicorn", path=os.path.dirname(sys.executable)
        ) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError(
                "gunicorn is not installed; run `make run` or pip install gunicorn."
            )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        argv = [
            gunicorn,
            "linernotes.wsgi:application",
            "--config",
            "python:linernotes.gunicorn_conf",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stdout.write(
            f"Serving on http://{host}:{port}/ with {workers} worker(s); "
            f"data in {settings.DATA_DIR}"
        )
        self.stdout.flush()
        os.execv(gunicorn, argv)  # noqa: S606
