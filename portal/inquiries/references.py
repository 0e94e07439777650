"""Reference numbers such as INQ-2026-00042: a prefix, the year and a per-year sequence.

Numbers are handed out by incrementing one counter row per (prefix, year) inside the caller's
transaction. On PostgreSQL the UPDATE locks that row until the transaction ends, so concurrent
submissions queue behind each other and each reads back its own number; the first number of a
year is created under a unique constraint, and the loser of that race increments the winner's
row. On SQLite every write transaction starts with BEGIN IMMEDIATE (see settings), which
serialises writers outright. The unique constraint on Inquiry.reference is the last guard.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ReferenceCounter


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:05d}"


def next_reference(prefix: str, *, year: int | None = None, using: str = "default") -> str:
    """Allocate the next reference for `prefix` in `year` (default: this year)."""
    year = year or timezone.localdate().year
    counters = ReferenceCounter.objects.using(using).filter(prefix=prefix, year=year)
    with transaction.atomic(using=using):
        if not counters.update(last_number=F("last_number") + 1):
            try:
                with transaction.atomic(using=using):
                    ReferenceCounter.objects.using(using).create(
                        prefix=prefix, year=year, last_number=1
                    )
            except IntegrityError:  # another transaction created it first
                counters.update(last_number=F("last_number") + 1)
        number = counters.values_list("last_number", flat=True).get()
    return format_reference(prefix, year, number)
