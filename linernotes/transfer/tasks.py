"""Background work for imports; the worker runs it.

The task takes only the run's id: the run row says which file and which
options, so a queued import survives a restart of the server that queued it.
"""

from django.tasks import task

from . import runs


@task()
def import_wordpress_file(run_id: int) -> str:
    """Import the export uploaded for one ImportRun and record its report."""
    return runs.perform_import(run_id)
