"""What the search learns from the apps above it, which it must not import (portal.core.layers):
how pages are classified (their countries and topics become facets) and the labels of facet
values. Taxonomy registers its classified page types and the topics' names, the countries app
the countries' names, each in its AppConfig.ready."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Classifier:
    """Page types classified by many-to-many relations whose items become facet values."""

    applies_to: Callable[[type], bool]
    # Relations whose changes refresh an indexed page's facets at once.
    relations: tuple[str, ...]
    facets: Callable[[Any], set[tuple[str, str]]]  # a page's (facet, value) pairs


_classifiers: list[Classifier] = []
# facet -> fn(values) -> {value: label in the reader's language}
_labels: dict[str, Callable[[Iterable[str]], dict[str, str]]] = {}


def register_classifier(classifier: Classifier) -> None:
    if classifier not in _classifiers:
        _classifiers.append(classifier)


def register_labels(facet: str, labels: Callable[[Iterable[str]], dict[str, str]]) -> None:
    _labels[facet] = labels


def is_classified(model: type) -> bool:
    """Classified pages are dated by what they say (a resource's year), never by publication."""
    return any(c.applies_to(model) for c in _classifiers)


def facets(page: Any) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for classifier in _classifiers:
        if classifier.applies_to(type(page)):
            found |= classifier.facets(page)
    return found


def relation_through_models(model: type) -> set[type]:
    return {
        model._meta.get_field(name).remote_field.through
        for classifier in _classifiers
        if classifier.applies_to(model)
        for name in classifier.relations
    }


def labels(facet: str, values: Iterable[str]) -> dict[str, str]:
    """Labels of facet values; a value without one is absent (the caller shows the value)."""
    labeller = _labels.get(facet)
    return labeller(values) if labeller is not None else {}
