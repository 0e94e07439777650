"""gunicorn settings, read automatically when gunicorn starts in this directory.

The access log shows the client's network, not its address: every address is truncated
(IPv4 /24, IPv6 /48) before it is written.
"""

from gunicorn.glogging import Logger

from portal.core.logfilters import truncate_addresses

# Headers that carry client addresses, as gunicorn names them in access log atoms.
_ADDRESS_ATOMS = ("h", "{x-forwarded-for}i", "{x-real-ip}i", "{forwarded}i")


class TruncatedAddressLogger(Logger):
    def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _ADDRESS_ATOMS:
            if isinstance(atoms.get(key), str):
                atoms[key] = truncate_addresses(atoms[key])
        return atoms


logger_class = TruncatedAddressLogger
accesslog = "-"
