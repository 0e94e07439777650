"""The offline copy: every file a link points to exists, nothing points back to the server, forms
are replaced by a note, search works from a prebuilt index."""

import json
import re
import zipfile
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from portal.offline import links
from portal.offline.exporter import OfflineExporter
from portal.offline.tests.conftest import PUBLIC_ADDRESS

pytestmark = pytest.mark.django_db


# The server the copy was made from: no trace may remain. The public address may appear as text
# (the notes that replace forms give it to readers), never as a link.
SERVER_ORIGINS = ("http://localhost", "https://localhost", "http://testserver", "//localhost")
URL_ATTRIBUTES = ("href", "src", "action", "poster")


def internal_targets(html_file: Path, root: Path) -> list[tuple[str, Path]]:
    """(link, file it leads to) for every relative link and resource of an exported page."""
    html = BeautifulSoup(html_file.read_text(), "html.parser")
    values = []
    for element in html.find_all(True):
        for attribute in URL_ATTRIBUTES:
            if element.has_attr(attribute):
                values.append(element[attribute])
        if element.has_attr("srcset"):
            values += [part.split()[0] for part in element["srcset"].split(",")]
    targets = []
    for value in values:
        parts = urlsplit(value)
        if parts.scheme or value.startswith(("#", "//")) or not parts.path:
            continue
        targets.append((value, (html_file.parent / unquote(parts.path)).resolve()))
    return targets


def assert_self_contained(root: Path) -> None:
    pages = list(root.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text()
        for origin in SERVER_ORIGINS:
            assert origin not in text, f"{page.relative_to(root)} still has {origin}"
        html = BeautifulSoup(text, "html.parser")
        for element in html.find_all(True):
            for attribute in (*URL_ATTRIBUTES, "srcset"):
                value = element.get(attribute) or ""
                assert not value.startswith(PUBLIC_ADDRESS), (page, value)
        for link, target in internal_targets(page, root):
            assert target.is_file(), f"{page.relative_to(root)}: {link} -> missing {target}"
            assert root.resolve() in target.parents, f"{link} leaves the copy"
    for text_file in [*root.rglob("*.css"), *root.rglob("*.xml"), *root.rglob("*.json")]:
        for origin in SERVER_ORIGINS:
            assert origin not in text_file.read_text()


def run_export(tmp_path, settings):
    settings.PORTAL_CONTACT_EMAIL = "desk@example.org"
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS
    output = tmp_path / "portal-offline"
    stdout, stderr = StringIO(), StringIO()
    call_command("export_offline", "--output", str(output), "--zip", stdout=stdout, stderr=stderr)
    return output, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def export(small_site, tmp_path, settings):
    return run_export(tmp_path, settings)


@pytest.fixture
def export_with_a_fallback(small_site, tmp_path, settings):
    """The demo translates every page of the small site: without its Lao translation, Lao
    readers get the English Contact Us page (a fallback copy under /lo/)."""
    from wagtail.models import Page

    Page.objects.get(locale__language_code="lo", url_path__endswith="/contact-us/").delete()
    return run_export(tmp_path, settings)


def test_export_writes_every_language_with_relative_links(export):
    root, stdout, stderr = export
    for path in [
        "index.html",
        "about-us/index.html",
        "contact-us/index.html",
        "lo/index.html",
        "lo/about-us/index.html",
        "lo/contact-us/index.html",
        "th/index.html",
        "th/privacy-policy-and-disclaimer/index.html",
        "search/index.html",
        "lo/search/index.html",
        "search-index.js",
        "README.txt",
        "static/css/portal.css",
        "static/js/quick-exit.js",
        "static/img/logo.svg",
        "static/offline/search.js",
    ]:
        assert (root / path).is_file(), path
    assert_self_contained(root)
    lao = BeautifulSoup((root / "lo/about-us/index.html").read_text(), "html.parser")
    assert lao.html["lang"] == "lo" and lao.h1.get_text(strip=True) == "ກ່ຽວກັບພວກເຮົາ"
    assert lao.select_one("link[rel=stylesheet]")["href"] == "../../static/css/portal.css"
    switcher = {a["hreflang"]: a["href"] for a in lao.select(".language-nav a")}
    assert switcher == {
        "en": "../../about-us/index.html",
        "lo": "index.html",
        "th": "../../th/about-us/index.html",
    }
    assert "Wrote" in stdout and "Not exported" not in stderr


def test_zip_holds_the_same_files(export):
    root, _stdout, _stderr = export
    archive = root.with_suffix(".zip")
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
        assert zipped.testzip() is None
    files = {
        f"portal-offline/{p.relative_to(root).as_posix()}"
        for p in root.rglob("*")
        if p.is_file() and p.name != ".portal-offline"
    }
    assert names == files


def test_forms_become_a_note_and_search_works_offline(export_with_a_fallback):
    root, _stdout, _stderr = export_with_a_fallback
    page = BeautifulSoup((root / "th/contact-us/index.html").read_text(), "html.parser")
    for form in page.find_all("form"):
        assert form.get("role") == "search" and form.get("method") == "get"
        assert form["action"] == "../search/index.html"
    search_page = BeautifulSoup((root / "lo/search/index.html").read_text(), "html.parser")
    scripts = [script["src"] for script in search_page.find_all("script")]
    assert "../../search-index.js" in scripts and "../../static/offline/search.js" in scripts
    index_js = (root / "search-index.js").read_text()
    entries = json.loads(re.fullmatch(r"window\.PORTAL_SEARCH_INDEX=(.*);\n", index_js).group(1))
    by_file = {(entry["u"], entry["l"]) for entry in entries}
    assert ("about-us/index.html", "en") in by_file and ("lo/about-us/index.html", "lo") in by_file
    # Fallback copies (English text under /lo/) are indexed once, as the original; a
    # translation is indexed in its language.
    assert (
        '<main id="main" tabindex="-1" lang="en">'
        in (root / "lo/contact-us/index.html").read_text()
    )
    assert ("contact-us/index.html", "en") in by_file
    assert not any(entry["u"] == "lo/contact-us/index.html" for entry in entries)
    assert ("th/contact-us/index.html", "th") in by_file


def test_post_forms_are_replaced_by_the_portal_address_and_email(demo_site, tmp_path, settings):
    """The inquiry, newsletter and needs forms (other apps) are POST forms like this one."""
    settings.PORTAL_CONTACT_EMAIL = "desk@example.org"
    form = (
        '<form method="post" action="/lo/inquiries/new/"><label for="q">Question</label>'
        '<textarea id="q" name="q"></textarea><button>Send</button></form>'
    )
    page = f'<html lang="lo"><body><main>{form}<p>after</p></main></body></html>'
    exporter = OfflineExporter(tmp_path / "copy")
    replaced = links.replace_forms(page, exporter.form_note(None, "lo"))
    html = BeautifulSoup(replaced, "html.parser")
    assert not html.find("form") and html.find("p", string="after")
    note = html.select_one(".offline-note")
    assert "ແບບຟອມນີ້ໃຊ້ໄດ້ສະເພາະອອນລາຍ" in note.get_text()  # "works only online", in Lao
    assert settings.WAGTAILADMIN_BASE_URL in note.get_text()  # the address, as text
    assert note.select_one("a")["href"] == "mailto:desk@example.org"


def test_refuses_to_overwrite_a_folder_it_did_not_make(demo_site, tmp_path):
    (tmp_path / "important.txt").write_text("keep me")
    with pytest.raises(CommandError):
        call_command("export_offline", "--output", str(tmp_path), "--no-progress")
    assert (tmp_path / "important.txt").read_text() == "keep me"
