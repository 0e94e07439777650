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
    rows = {row.name: row for row in describe_all(include_tests=True)}
    assert rows["PORTAL_EXAMPLE_BATCH_SIZE"].default == "100"
    assert rows["PORTAL_EXAMPLE_BATCH_SIZE"].description == "Messages per connection."
    assert rows["PORTAL_EXAMPLE_DSN"].default == "(unset)"
    # Defaults are written as the environment variable would say them.
    assert rows["PORTAL_EXAMPLE_COUNTRIES"].default == "LA,TH"
    assert rows["PORTAL_EXAMPLE_ENABLED"].default == "false"


def test_the_readme_listing_leaves_out_classes_declared_in_tests():
    names = {row.name for row in describe_all()}
    assert "PORTAL_EXAMPLE_BATCH_SIZE" not in names
    # ...and holds the apps' own, found without anyone importing their conf modules first.
    assert {"PORTAL_TRUSTED_PROXIES", "NEWSLETTER_BATCH_SIZE"} <= names


def test_every_setting_name_is_declared_once():
    names = [row.name for row in describe_all()]
    assert len(names) == len(set(names))


@dataclass(frozen=True)
class PairSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_EXAMPLE_PAIRS_"
    languages: list[tuple[str, str]] = setting([("en", "English")], "Code and label.")


def test_pairs_are_read_from_code_colon_label(monkeypatch):
    monkeypatch.setenv("PORTAL_EXAMPLE_PAIRS_LANGUAGES", "en:English, lo:ລາວ (Lao)")
    assert PairSettings.load().languages == [("en", "English"), ("lo", "ລາວ (Lao)")]
    monkeypatch.setenv("PORTAL_EXAMPLE_PAIRS_LANGUAGES", "en")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_EXAMPLE_PAIRS_LANGUAGES"):
        PairSettings.load()
