"""The one settings pattern: Django settings, else the environment, else the default."""

from dataclasses import dataclass
from typing import ClassVar

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from portal.core.appsettings import AppSettings, describe_all, setting


@dataclass(frozen=True)
class ExampleSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_EXAMPLE_"
    batch_size: int = setting(100, "Messages per connection.")
    rate: float = setting(2.5, "Per second.")
    enabled: bool = setting(False, "Turn it on.")
    countries: list[str] = setting(["LA", "TH"], "Holiday calendars.")
    dsn: str = setting("", "Where errors go.", secret=True)


def test_default_when_nothing_is_set(monkeypatch):
    monkeypatch.delenv("PORTAL_EXAMPLE_BATCH_SIZE", raising=False)
    loaded = ExampleSettings.load()
    assert loaded.batch_size == 100
    assert loaded.countries == ["LA", "TH"]
    # A mutable default is a fresh copy each time, never shared.
    assert loaded.countries is not ExampleSettings.load().countries


def test_environment_is_parsed_to_the_field_type(monkeypatch):
    monkeypatch.setenv("PORTAL_EXAMPLE_BATCH_SIZE", "7")
    monkeypatch.setenv("PORTAL_EXAMPLE_RATE", "0.5")
    monkeypatch.setenv("PORTAL_EXAMPLE_ENABLED", "yes")
    monkeypatch.setenv("PORTAL_EXAMPLE_COUNTRIES", "KH, MM,")
    loaded = ExampleSettings.load()
    assert (loaded.batch_size, loaded.rate, loaded.enabled) == (7, 0.5, True)
    assert loaded.countries == ["KH", "MM"]


def test_django_settings_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_EXAMPLE_BATCH_SIZE", "7")
    with override_settings(PORTAL_EXAMPLE_BATCH_SIZE=3):
        assert ExampleSettings.load().batch_size == 3


def test_a_bad_environment_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("PORTAL_EXAMPLE_BATCH_SIZE", "many")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_EXAMPLE_BATCH_SIZE='many'"):
        ExampleSettings.load()


def test_described_for_the_readme_with_secrets_hidden():
    rows = {row.name: row for row in describe_all()}
    assert rows["PORTAL_EXAMPLE_BATCH_SIZE"].default == "100"
    assert rows["PORTAL_EXAMPLE_BATCH_SIZE"].description == "Messages per connection."
    assert rows["PORTAL_EXAMPLE_DSN"].default == "(unset)"
