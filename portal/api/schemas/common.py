"""Shapes shared by every endpoint: errors, pages of results and the fields every item has.

Descriptions are English (the OpenAPI document's language) and marked for translation: the
reference page and the data dictionary show them in the reader's language.
"""

from datetime import datetime

from django.utils.translation import gettext_noop as N_
from ninja import Field, Schema
from pydantic import create_model


class ErrorOut(Schema):
    detail: str = Field(description=N_("What went wrong, in a sentence."))


class FieldErrorOut(Schema):
    parameter: str = Field(description=N_("The parameter, e.g. query.limit."))
    message: str = Field(description=N_("What is wrong with its value."))


class ValidationErrorOut(Schema):
    detail: str = Field(description=N_("What went wrong, in a sentence."))
    errors: list[FieldErrorOut] = Field(description=N_("Each invalid parameter."))


class ItemOut(Schema):
    """Fields every item has: where it is on the site and in the API, and when it changed."""

    url: str | None = Field(description=N_("The item's page on the portal."))
    api_url: str = Field(description=N_("The item in this API."))
    last_modified: datetime | None = Field(
        description=N_("When the item last changed (null when unknown).")
    )


ERRORS = {
    400: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
    429: ErrorOut,
}


def paged(item: type[Schema]) -> type[Schema]:
    """A page of results: how many there are, the neighbouring pages and the items."""
    name = item.__name__.removesuffix("Out") + "List"
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description=N_("How many items match, on all pages."))),
        next=(str | None, Field(description=N_("The next page of results (null on the last)."))),
        previous=(
            str | None,
            Field(description=N_("The previous page of results (null on the first).")),
        ),
        items=(list[item], Field(description=N_("The items on this page."))),
    )
