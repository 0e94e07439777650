"""django-axes glue: who is signing in, from where, and what a locked-out person is told."""

import logging
from datetime import timedelta

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from portal.core.net import client_ip, hashed_identifier, truncate_ip

logger = logging.getLogger("portal.security")


def client_address(request: HttpRequest) -> str:
    """The address axes counts, the same one the rate limits use (trusted proxies honoured)."""
    return client_ip(request)


def attempted_username(request: HttpRequest, credentials: dict | None) -> str:
    """The account being tried, normalised the way the login forms normalise it, so that
    "Name@Example.org " and "name@example.org" share one counter."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()


def retry_after(request: HttpRequest | None) -> timedelta:
    return get_cool_off(request) or timedelta(minutes=15)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The same page whether or not the account exists (axes counts unknown names too)."""
    wait = retry_after(request)
    minutes = max(1, round(wait.total_seconds() / 60))
    response = TemplateResponse(
        request,
        "security/locked_out.html",
        {"minutes": minutes, "retry_at": timezone.now() + wait},
        status=429,
    )
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response.render()


def log_lockout(sender, request: HttpRequest, username: str, ip_address: str, **kwargs) -> None:
    # The account is logged as a keyed hash (the admin's lockout list shows it in clear to
    # staff) and the address truncated, like every address in the logs.
    logger.warning(
        "Sign-in locked out: account %s, network %s, path %s",
        hashed_identifier(username or ""),
        truncate_ip(ip_address or ""),
        request.path if request is not None else "-",
    )


def connect_signals() -> None:
    user_locked_out.connect(log_lockout, dispatch_uid="portal.security.log_lockout")
