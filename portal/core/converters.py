"""The `<id:...>` path converter: a database id, at most 18 digits. Django's `<int:...>`
accepts any length, and a number past the database's 64-bit integers then reaches a query
and fails there (OverflowError on SQLite) instead of answering 404. Eighteen digits always
fit (2**63 - 1 has nineteen), so anything longer simply does not match the route."""

from django.urls import register_converter

ID_PATTERN = "[0-9]{1,18}"


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)


register_converter(IdConverter, "id")
