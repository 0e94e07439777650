"""Editors translate in the admin and see what lacks a translation or has an outdated one."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale, Page

from portal.languages.models import TranslationReview
from portal.languages.status import translation_states
from portal.standardpages.models import StandardPage
from portal.testing.security import login_staff

pytestmark = pytest.mark.django_db


def english(slug: str) -> Page:
    return Page.objects.get(slug=slug, locale__language_code="en").specific


def status_of(slug: str, language: str):
    [state] = translation_states([english(slug)], [language])
    return state


def test_states_of_the_demo_pages(demo_site):
    assert status_of("lao-womens-union", "lo").status == "missing"
    # Translated in part: the rest of the page is still in English.
    assert status_of("privacy-policy-and-disclaimer", "lo").status == "incomplete"
    about = status_of("about-us", "lo")
    assert about.status == "machine" and about.translation.live
    assert not about.is_reviewed


def test_editor_creates_a_lao_translation_in_the_admin(client, demo_site, editor):
    client.force_login(editor)
    organisation = english("lao-womens-union")
    lao = Locale.objects.get(language_code="lo")
    url = reverse("wagtail_localize:submit_page_translation", args=[organisation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [lao.pk]})
    assert response.status_code == 302
    translation = organisation.get_translation(lao)
    # To be translated in wagtail-localize's editor.
    assert translation.title == "Lao Women's Union"
    assert status_of("lao-womens-union", "lo").status in {"draft", "incomplete"}
    # The editor opens the translation editor.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    assert edit.status_code == 200


def test_report_lists_missing_and_outdated_translations(client, demo_site, moderator):
    about = english("about-us")
    about.intro = "A changed introduction."
    about.save_revision().publish()
    login_staff(client, moderator)
    response = client.get(reverse("languages:translation_status"), {"language": "lo"})
    assert response.status_code == 200
    rows = {
        row.select_one("td").get_text(strip=True): row["class"][0].rsplit("--", 1)[1]
        for row in BeautifulSoup(response.content, "html.parser").select("tbody tr")
    }
    expected = {
        "About Us": "outdated",
        "How You Can Help": "machine",
        "Lao Women's Union": "missing",
        "Privacy Policy and Disclaimer": "incomplete",
        "Anti-Trafficking Portal": "machine",
    }
    assert {title: rows[title] for title in expected} == expected
    assert len(rows) == Page.objects.filter(locale__language_code="en", depth__gte=2).count()
    only_missing = client.get(
        reverse("languages:translation_status"), {"language": "th", "status": "missing"}
    )
    rows = BeautifulSoup(only_missing.content, "html.parser").select("tbody tr")
    titles = {row.select_one("td").get_text(strip=True) for row in rows}
    assert "Lao Women's Union" in titles
    assert not titles & {"About Us", "Contact Us", "Anti-Trafficking Portal"}
    assert all(row["class"][0].endswith("--missing") for row in rows)


def test_review_removes_the_machine_notice_until_the_text_changes(client, demo_site, moderator):
    lao_about = StandardPage.objects.get(slug="about-us", locale__language_code="lo")
    notice = "ຄຳແປນີ້ເຮັດດ້ວຍເຄື່ອງ"
    assert notice in client.get("/lo/about-us/").content.decode()

    login_staff(client, moderator)
    response = client.post(reverse("languages:mark_reviewed", args=[lao_about.pk]))
    assert response.status_code == 302
    client.logout()
    assert status_of("about-us", "lo").is_reviewed
    page = client.get("/lo/about-us/").content.decode()
    assert notice not in page and "languages-notice" not in page

    # Any new revision of the translation needs a new review.
    lao_about.refresh_from_db()
    lao_about.save_revision().publish()
    assert status_of("about-us", "lo").status == "machine"
    assert notice in client.get("/lo/about-us/").content.decode()


def test_only_people_who_may_publish_can_mark_reviewed(client, demo_site, editor):
    lao_about = StandardPage.objects.get(slug="about-us", locale__language_code="lo")
    client.force_login(editor)
    client.post(reverse("languages:mark_reviewed", args=[lao_about.pk]))
    assert not TranslationReview.objects.exists()  # refused: editors do not publish
    english_page = Page.objects.get(pk=english("about-us").pk)
    client.logout()
    assert (
        client.post(reverse("languages:mark_reviewed", args=[english_page.pk])).status_code == 302
    )
    assert not TranslationReview.objects.exists()  # anonymous: sent to the login page
