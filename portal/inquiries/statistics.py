"""Anonymous statistics of the desk's work, computed from the facts every inquiry keeps after
its personal data is erased (queue, dates, role, countries, topic, languages, status)."""

from dataclasses import dataclass, field
from statistics import median

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from .models import Inquiry, Queue, Role, Status
from .workdays import working_days_between


@dataclass
class YearStatistics:
    year: int
    received: dict[str, int] = field(default_factory=dict)  # queue label -> count
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_role: list[tuple[str, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    by_topic: list[tuple[str, int]] = field(default_factory=list)
    by_language: list[tuple[str, int]] = field(default_factory=list)
    answered: int = 0
    answered_on_time: int = 0
    median_working_days: float | None = None


def years() -> list[int]:
    return sorted(
        Inquiry.objects.annotate(year=ExtractYear("submitted_at"))
        .values_list("year", flat=True)
        .distinct(),
        reverse=True,
    )


def _counts(queryset: QuerySet, key: str, labels: dict | None = None) -> list[tuple[str, int]]:
    rows = queryset.values(key).annotate(n=Count("pk", distinct=True)).order_by("-n", key)
    return [(str((labels or {}).get(row[key], row[key] or "—")), row["n"]) for row in rows]


def for_year(year: int) -> YearStatistics:
    inquiries = Inquiry.objects.filter(submitted_at__year=year)
    research = inquiries.filter(queue=Queue.RESEARCH)
    stats = YearStatistics(year=year)
    queue_labels = dict(Queue.choices)
    for queue, count in _counts(inquiries, "queue"):
        stats.received[str(queue_labels.get(queue, queue))] = count
    stats.by_status = _counts(research, "status", dict(Status.choices))
    stats.by_role = _counts(research, "role", dict(Role.choices))
    stats.by_country = _counts(research.filter(countries__isnull=False), "countries__name")
    stats.by_topic = _counts(research.filter(topic__isnull=False), "topic__name")
    stats.by_language = _counts(research, "preferred_language")

    durations = []
    for submitted_at, answered_at, due_on in research.filter(answered_at__isnull=False).values_list(
        "submitted_at", "answered_at", "due_on"
    ):
        durations.append(working_days_between(submitted_at.date(), answered_at.date()))
        if due_on is None or answered_at.date() <= due_on:
            stats.answered_on_time += 1
    stats.answered = len(durations)
    stats.median_working_days = median(durations) if durations else None
    return stats
