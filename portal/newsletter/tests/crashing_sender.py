"""Run by test_sending in a child process: sends an edition and dies with SIGKILL right after
the mail server accepted message number CRASH_AFTER, before the database learns of it (the
worst moment for a crash). Settings come from the environment the test passes."""

import os
import signal
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = int(os.environ["SINK_PORT"])
    settings.NEWSLETTER_MAX_PER_SECOND = 0
    settings.NEWSLETTER_BATCH_SIZE = 4
    crash_after = int(os.environ["CRASH_AFTER"])

    from portal.newsletter.sending import engine

    original = engine.transmit
    accepted = 0

    def transmit(*args, **kwargs):
        nonlocal accepted
        original(*args, **kwargs)  # returns once the server accepted the message
        accepted += 1
        if accepted == crash_after:
            os.kill(os.getpid(), signal.SIGKILL)

    engine.transmit = transmit

    from portal.newsletter.sending import run

    run(int(sys.argv[1]))


if __name__ == "__main__":
    main()
