from portal.core.demo import Log

from .site import ensure_site


def load(log: Log) -> None:
    home = ensure_site()
    log(f"  home page: {home.url_path}")
