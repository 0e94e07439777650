from django_tasks import task

from .outbox import deliver


@task()
def deliver_email(email_id: int) -> bool:
    """Send one stored message (see outbox.deliver); failures reschedule themselves."""
    return deliver(email_id)
