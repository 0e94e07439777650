"""Figures from CSV: the download goes back in unchanged, one edit makes one change, every
kind of bad line is reported by number and stores nothing; the command and the admin upload."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from portal.core.permissions import EDITORS
from portal.countries import dataset
from portal.countries.figure_import import COLUMNS, FileError, import_figures
from portal.countries.models import Country, Figure, Indicator
from portal.testing.html import soup, texts
from portal.testing.security import login_staff

pytestmark = pytest.mark.django_db


def lao_csv() -> str:
    return dataset.figures_csv([Country.objects.get(iso2="LA")])


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def csv_of(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def counted_row(rows: list[dict[str, str]]) -> dict[str, str]:
    return next(r for r in rows if r["indicator"] != Indicator.TIER)


def test_the_download_goes_back_in_with_no_change(lao_site, django_assert_max_num_queries):
    text = lao_csv()
    count = Figure.objects.count()
    assert len(rows_of(text)) > 5
    # Lookups are loaded once for the whole file: the budget does not grow with its lines.
    with django_assert_max_num_queries(8):
        report = import_figures(text)
    assert report.errors == []
    assert (report.count("created"), report.count("changed")) == (0, 0)
    assert report.count("unchanged") == len(rows_of(text))
    assert Figure.objects.count() == count


def test_a_spreadsheet_edit_of_one_value_is_one_change(lao_site):
    rows = rows_of(lao_csv())
    row = counted_row(rows)
    before = Figure.objects.get(uuid=row["id"])
    row["value"] = str(int(float(row["value"])) + 7)
    row["indicator_label"] = "ignored label"  # label columns are not read
    report = import_figures(csv_of(rows).encode("utf-8-sig"))  # as a spreadsheet saves it
    assert report.errors == []
    assert [(r.action, r.changes) for r in report.changed_rows] == [("changed", ["value"])]
    after = Figure.objects.get(uuid=row["id"])
    assert after.value == before.value + 7
    assert (after.source, after.locator) == (before.source, before.locator)  # still cited


def test_a_new_line_adds_a_figure_with_its_citation(lao_site):
    rows = rows_of(lao_csv())
    new = dict(counted_row(rows), id="", year="1999", value="12", source_locator="p. 4")
    report = import_figures(csv_of([new]))
    assert report.errors == [] and report.count("created") == 1
    figure = Figure.objects.get(country__iso2="LA", year=1999, indicator=new["indicator"])
    assert figure.value == 12 and str(figure.source.uuid) == new["source_id"]
    assert figure.locator == "p. 4"


def test_semicolons_from_a_european_spreadsheet_are_read(lao_site):
    rows = rows_of(lao_csv())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    assert import_figures(buffer.getvalue()).count("unchanged") == len(rows)


def test_each_bad_line_is_reported_and_nothing_is_stored(lao_site):
    rows = rows_of(lao_csv())
    good = counted_row(rows)
    changed = dict(good, value="999999")
    added = dict(good, id="", year="1998", value="5")
    bad = [
        changed,  # line 2: valid on its own
        added,  # line 3: valid on its own
        dict(good, id="", country_iso2="XX"),
        dict(good, id="", indicator="happiness"),
        dict(good, id="", source_id="00000000-0000-0000-0000-000000000000", source_slug=""),
        dict(good, id="", value="12 cases"),
        dict(good, id="", year="1998", value="6"),  # the same figure as line 3
        dict(good, value="1"),  # the same figure (id) as line 2
        dict(good, id="", year="1997", value="3.5"),  # a count must be a whole number
    ]
    count = Figure.objects.count()
    report = import_figures(csv_of(bad))
    assert [line for line, _message in report.errors] == [4, 5, 6, 7, 8, 9, 10]
    messages = dict(report.errors)
    assert "unknown country “XX”" in messages[4]
    assert "unknown indicator “happiness”" in messages[5]
    assert "unknown source" in messages[6]
    assert "bad number “12 cases”" in messages[7]
    assert "duplicate" in messages[8] and "line 3" in messages[8]
    assert "duplicate" in messages[9] and "line 2" in messages[9]
    assert "whole number" in messages[10]
    assert not report.stored
    assert Figure.objects.count() == count
    assert Figure.objects.get(uuid=good["id"]).value != 999999


def test_a_new_line_for_a_figure_already_recorded_is_a_duplicate(lao_site):
    rows = rows_of(lao_csv())
    report = import_figures(csv_of([dict(counted_row(rows), id="")]))
    assert "already recorded" in report.errors[0][1]


def test_a_file_without_the_columns_is_refused(lao_site):
    with pytest.raises(FileError, match=r"Columns missing: .*indicator"):
        import_figures("country_iso2,year\r\nLA,2006\r\n")
    with pytest.raises(FileError, match="UTF-8"):
        import_figures("country_iso2,indicator\nLA,caf\xe9".encode("latin-1"))


def test_the_command_dry_run_then_import(lao_site, tmp_path, capsys):
    rows = rows_of(lao_csv())
    counted_row(rows)["value"] = "4242"
    path = tmp_path / "figures.csv"
    path.write_text(csv_of(rows), encoding="utf-8")
    call_command("import_figures", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "change value" in out and "1 changed" in out and "would be" in out
    assert not Figure.objects.filter(value=4242).exists()
    call_command("import_figures", str(path))
    assert Figure.objects.filter(value=4242).count() == 1

    counted_row(rows)["country_iso2"] = "ZZ"
    path.write_text(csv_of(rows), encoding="utf-8")
    with pytest.raises(CommandError, match="1 line"):
        call_command("import_figures", str(path))
    assert "line 2: unknown country “ZZ”" in capsys.readouterr().err


def login(client, group: str | None) -> User:
    user = User.objects.create_user("someone", password="pass-1-pass", is_staff=False)
    if group:
        user.groups.add(Group.objects.get(name=group))
    else:
        user.user_permissions.add(
            *Group.objects.get(name=EDITORS).permissions.exclude(
                codename__in=["add_figure", "change_figure"]
            )
        )
    login_staff(client, user)
    return user


def test_an_editor_previews_then_imports_in_the_admin(client, lao_site):
    login(client, EDITORS)
    index = soup(client.get("/admin/figures/"))
    assert index.find("a", href="/admin/figures/import/")
    rows = rows_of(lao_csv())
    counted_row(rows)["value"] = "777"
    upload = io.BytesIO(csv_of(rows).encode("utf-8-sig"))
    upload.name = "figures.csv"
    preview = soup(client.post("/admin/figures/import/", {"file": upload, "action": "preview"}))
    assert "Preview: nothing is stored yet" in preview.get_text()
    assert texts(preview.select("tbody tr td:nth-of-type(3)")) == ["value"]
    assert not Figure.objects.filter(value=777).exists()
    carried = preview.find("input", attrs={"name": "csv_text"})["value"]
    done = client.post("/admin/figures/import/", {"csv_text": carried, "action": "import"})
    assert done.status_code == 302 and done["Location"] == "/admin/figures/"
    assert Figure.objects.filter(value=777).count() == 1


def test_the_admin_lists_errors_by_line(client, lao_site):
    login(client, EDITORS)
    rows = rows_of(lao_csv())
    counted_row(rows)["indicator"] = "nonsense"
    upload = io.BytesIO(csv_of(rows).encode())
    upload.name = "figures.csv"
    page = soup(client.post("/admin/figures/import/", {"file": upload, "action": "preview"}))
    assert "nothing was stored" in page.get_text()
    assert texts(page.select("tbody tr")) == ["2 unknown indicator “nonsense”"]
    assert page.find("button", attrs={"value": "import"}) is None


def test_only_people_who_may_add_and_change_figures_import(client, lao_site):
    login(client, None)
    assert client.get("/admin/figures/import/").status_code in (302, 403)
