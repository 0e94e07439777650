"""Logs keep no reader's full IP address: every address in a record is cut to its network
(IPv4 /24, IPv6 /48, see net.truncate_ip). Used by Django's logging (runserver included) and by
gunicorn's access log (gunicorn.conf.py)."""

import ipaddress
import logging
import re

from .net import truncate_ip

# Candidates only; each is checked with ipaddress before it is replaced.
_IPV4 = r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"
_IPV6 = r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])"
_ADDRESS = re.compile(f"{_IPV4}|{_IPV6}")


def _truncate_match(match: re.Match) -> str:
    text = match.group(0)
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return text  # a time such as 10:21:03, or something else that only looks alike
    return truncate_ip(text)


def truncate_addresses(text: str) -> str:
    """Replace every IP address in a text by its truncated form."""
    return _ADDRESS.sub(_truncate_match, text)


def _peer_address(record: logging.LogRecord) -> str:
    """The client of runserver's access log lines (the record carries the socket)."""
    request = getattr(record, "request", None)
    try:
        return request.getpeername()[0]  # type: ignore[union-attr]
    except (AttributeError, OSError, IndexError, TypeError):
        return ""


class TruncateIPAddressesFilter(logging.Filter):
    """Rewrites the record's message with truncated addresses and adds `client_ip` (truncated,
    or "-") for formats that want to show the client's network."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        truncated = truncate_addresses(message)
        if truncated != message:
            record.msg, record.args = truncated, None
        peer = _peer_address(record)
        record.client_ip = truncate_ip(peer) if peer else "-"
        return True
