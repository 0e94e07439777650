"""Countries and regions as taxonomy's listings offer them. The vocabulary's countries belong
to the countries app, a content app above taxonomy: taxonomy imports nothing from it (see
portal.core.layers). The countries app registers its Places in its AppConfig.ready; until then
(an installation without it) the listings offer no countries and no regions."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    key: str  # the value in addresses and filters: a country's slug, a region's slug
    label: str
    url: str = ""  # everything about it


@dataclass(frozen=True)
class Places:
    countries: Callable[[], list[Place]]  # every country, in display order
    regions: Callable[[], list[Place]]  # every region, in display order


_registered: list[Places] = []


def register(places: Places) -> None:
    _registered[:] = [places]


def countries() -> list[Place]:
    return _registered[0].countries() if _registered else []


def regions() -> list[Place]:
    return _registered[0].regions() if _registered else []
