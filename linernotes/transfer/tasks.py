"""Background work for imports; the worker runs it.

The task takes only the run's id: the run row says which file and which
options, so a queued import survives a restart of the server that queued it.
"""

from django.tasks import task

from . import runs
from .models import ImportRun


@task()
def import_wordpress_file(run_id: int) -> str:
    """Import the export uploaded for one ImportRun and record its report."""
    return runs.perform_import(run_id)


def queue_import(run: ImportRun) -> None:
    """Hand a recorded run to the worker; a queue that refuses fails the run."""
    try:
        import_wordpress_file.enqueue(run.pk)
    except Exception:
        runs.fail(run, message="The import could not be handed to the worker.")
        raise
