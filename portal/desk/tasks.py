from django_tasks import task

from .links import check_links


@task()
def check_external_links() -> int:
    """Queueable form of `manage.py check_links`; returns how many addresses were checked."""
    return check_links().checked
