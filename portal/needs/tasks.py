from django_tasks import task

from .expiry import expire_posts


@task()
def expire_outdated_posts() -> int:
    """Queueable form of expire_posts (e.g. enqueued by a scheduler or after a deploy)."""
    return expire_posts()
