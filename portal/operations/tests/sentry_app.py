"""Run by test_errorreporting in a fresh interpreter: the real Sentry SDK with its Django
integration reports one failing request to a recording transport (nothing goes on the
network), and the events it would have sent are printed as JSON."""

import io
import json
import os
import sys
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path
from sentry_sdk.transport import Transport

SENT: list[dict] = []


class RecordingTransport(Transport):
    def capture_envelope(self, envelope) -> None:  # type: ignore[no-untyped-def]
        for item in envelope.items:
            if item.type == "event":
                SENT.append(item.payload.json)


def failing_view(request: HttpRequest, token: str) -> HttpResponse:
    email = request.POST.get("email", "")
    raise ValueError(f"Could not file the inquiry of {email} from {request.META['REMOTE_ADDR']}")


urlpatterns = [path("inquiry/<str:token>/", failing_view)]


def main() -> None:
    django.setup()
    from portal.operations.errorreporting import init_sentry

    init_sentry("https://public@sentry.invalid/1", transport=RecordingTransport)
    body = urlencode(
        {"email": "asker@example.org", "message": "My sister was taken to the border"}
    ).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/inquiry/MQ:1vQx:abcdefghijklmnopqrstuvwxyz/",
        "QUERY_STRING": "reply_to=asker%40example.org",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_COOKIE": "sessionid=secret-session-of-the-requester; csrftoken=abc",
        "HTTP_X_FORWARDED_FOR": "198.51.100.23",
        "HTTP_USER_AGENT": "Phone browser",
        "REMOTE_ADDR": "203.0.113.77",
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    statuses: list[str] = []
    # Through the WSGI application, as gunicorn calls it (the SDK wraps that entry point).
    with override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=[], ALLOWED_HOSTS=["*"]):
        application = get_wsgi_application()
        b"".join(application(environ, lambda status, headers, *args: statuses.append(status)))
    import sentry_sdk

    sentry_sdk.flush()
    json.dump({"status": statuses[0], "events": SENT}, sys.stdout)


if __name__ == "__main__":
    main()
