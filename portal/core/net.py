"""Who is asking: the client's address, as far as the deployment lets us know it."""

import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest

from portal.core.conf import core_settings


def client_ip(request: HttpRequest) -> str:
    """The client's IP address.

    Behind a reverse proxy REMOTE_ADDR is the proxy; PORTAL_TRUSTED_PROXIES (a count, default 0)
    says how many proxies append to X-Forwarded-For, so a client cannot forge its address.
    """
    trusted = core_settings().trusted_proxies
    if trusted:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104


def truncate_ip(address: str) -> str:
    """Drop the host part of an address (IPv4 /24, IPv6 /48) so logs cannot identify a reader."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "-"
    prefix = 24 if ip.version == 4 else 48
    network = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
    return str(network.network_address)


def hashed_identifier(value: str) -> str:
    """A keyed hash, for rate-limit keys that must not store addresses in clear."""
    key = settings.SECRET_KEY.encode()
    return hashlib.blake2b(value.encode(), key=key[:64], digest_size=16).hexdigest()
