import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from portal.inquiries.models import ReferenceCounter
from portal.inquiries.references import format_reference, next_reference
from portal.inquiries.workdays import add_working_days, working_days_between

pytestmark = pytest.mark.both_databases


def test_format():
    assert format_reference("INQ", 2026, 42) == "INQ-2026-00042"


@pytest.mark.django_db
def test_sequence_per_prefix_and_year():
    assert next_reference("INQ", year=2026) == "INQ-2026-00001"
    assert next_reference("INQ", year=2026) == "INQ-2026-00002"
    assert next_reference("MSG", year=2026) == "MSG-2026-00001"
    assert next_reference("INQ", year=2027) == "INQ-2027-00001"
    assert next_reference("INQ", year=2026) == "INQ-2026-00003"


def _allocate_concurrently(alias: str, workers: int = 8, each: int = 5) -> list[str]:
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)
    lock = threading.Lock()

    def work():
        try:
            barrier.wait()
            for _ in range(each):
                reference = next_reference("INQ", year=2030, using=alias)
                with lock:
                    results.append(reference)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocation_on_postgresql_gives_unique_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite variant below uses a file database of its own")
    references = _allocate_concurrently("default")
    assert sorted(references) == [format_reference("INQ", 2030, n) for n in range(1, 41)]


def test_concurrent_allocation_on_sqlite_gives_unique_consecutive_numbers(
    tmp_path: Path, django_db_blocker
):
    """Real concurrent writers on an SQLite file with the production connection options
    (an in-memory test database cannot be shared by threads that way)."""
    from portal.settings.base import database_from_url

    alias = "reference_race"
    config = database_from_url(f"sqlite:///{tmp_path / 'race.sqlite3'}")
    connections.settings[alias] = {**connections["default"].settings_dict, **config}
    with django_db_blocker.unblock():
        try:
            with connections[alias].schema_editor() as editor:
                editor.create_model(ReferenceCounter)
            references = _allocate_concurrently(alias)
        finally:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]
    assert sorted(references) == [format_reference("INQ", 2030, n) for n in range(1, 41)]


@pytest.mark.parametrize(
    "start,days,expected",
    [
        ("2026-11-02", 10, "2026-11-16"),  # Monday + 10 working days = Monday two weeks on
        ("2026-11-06", 1, "2026-11-09"),  # Friday + 1 = Monday
        ("2026-11-07", 1, "2026-11-09"),  # Saturday + 1 = Monday
        ("2026-11-02", 0, "2026-11-02"),
        # Friday 10 April 2026 + 1: Songkran closes Thailand on 13-15 April and Lao New Year
        # closes Lao PDR on 14-16 April, so the next working day is Friday 17 April.
        ("2026-04-10", 1, "2026-04-17"),
        # Lao National Day, Wednesday 2 December 2026.
        ("2026-12-01", 1, "2026-12-03"),
        # Thai Constitution Day, Thursday 10 December 2026.
        ("2026-12-09", 1, "2026-12-11"),
    ],
)
def test_add_working_days(start, days, expected):
    from datetime import date

    assert add_working_days(date.fromisoformat(start), days) == date.fromisoformat(expected)


def test_working_days_between():
    from datetime import date

    assert working_days_between(date(2026, 11, 2), date(2026, 11, 16)) == 10
    assert working_days_between(date(2026, 11, 16), date(2026, 11, 2)) == -10
    # 13-16 April 2026: Songkran and Lao New Year leave one working day (Friday 17) that week.
    assert working_days_between(date(2026, 4, 12), date(2026, 4, 19)) == 1


def test_holiday_countries_follow_the_setting(settings):
    from datetime import date

    settings.PORTAL_INQUIRY_HOLIDAY_COUNTRIES = "TH"
    # Lao National Day is an ordinary working day for a desk that follows Thailand only.
    assert add_working_days(date(2026, 12, 1), 1) == date(2026, 12, 2)
    settings.PORTAL_INQUIRY_HOLIDAY_COUNTRIES = ["LA"]
    assert add_working_days(date(2026, 12, 9), 1) == date(2026, 12, 10)
