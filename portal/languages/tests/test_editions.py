"""What readers get in each language: translations, the fallback, hreflang, html lang."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from portal.languages.conf import language_settings
from portal.testing.html import soup

pytestmark = pytest.mark.django_db

LAO_NOTICE = "ໜ້ານີ້ຍັງບໍ່ທັນໄດ້ແປເປັນພາສາຂອງທ່ານ"
THAI_NOTICE = "หน้านี้ยังไม่ได้แปลเป็นภาษาของคุณ"


def switcher(html: BeautifulSoup) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in html.select(".language-nav a")}


INTERFACE_STRINGS = [
    ("/", "Skip to content", "Search the portal"),
    ("/lo/", "ຂ້າມໄປຫາເນື້ອຫາ", "ຄົ້ນຫາໃນປະຕູຂໍ້ມູນ"),
    ("/th/", "ข้ามไปยังเนื้อหา", "ค้นหาในพอร์ทัล"),
]


def test_interface_strings_are_translated(client, site_tree):
    for path, skip_link, search_label in INTERFACE_STRINGS:
        html = soup(client.get(path))
        assert html.select_one("a.skip-link").get_text(strip=True) == skip_link
        label = html.select_one("label[for=site-search-q]").get_text(strip=True)
        assert label == search_label


def test_html_lang_matches_the_edition_everywhere(client, demo_site):
    for language in ["en", "lo", "th"]:
        prefix = "" if language == "en" else f"/{language}"
        for path in ["/", "/about-us/", "/contact-us/", "/search/?q=help", "/no-such-page/"]:
            response = client.get(prefix + path)
            html = BeautifulSoup(response.content, "html.parser")
            assert html.html["lang"] == language, prefix + path


@pytest.mark.smoke
def test_translated_home_page_is_in_lao_and_says_it_is_machine_made(client, demo_site):
    html = soup(client.get("/lo/"))
    assert html.select_one("h1").get_text(strip=True).startswith("ແຫຼ່ງຂໍ້ມູນ")
    assert not html.select_one("main").has_attr("lang"), "the text is in the page's language"
    notice = html.select_one(".languages-notice")
    assert "ຄຳແປນີ້ເຮັດດ້ວຍເຄື່ອງ" in notice.get_text()  # machine-made, not reviewed
    assert notice.select_one("a[hreflang=en]")["href"] == "/"


def test_untranslated_page_falls_back_to_english_with_a_notice(client, demo_site):
    html = soup(client.get("/lo/organizations/lao-womens-union/"))
    assert html.html["lang"] == "lo"
    main = html.select_one("main")
    assert main["lang"] == "en"
    assert html.select_one("h1").get_text(strip=True) == "Lao Women's Union"
    notice = html.select_one(".languages-notice")
    assert notice["lang"] == "lo" and LAO_NOTICE in notice.get_text()
    # Search engines index the original, not the copy under /lo/.
    canonical = html.select_one("link[rel=canonical]")["href"]
    assert canonical == "http://localhost/organizations/lao-womens-union/"
    assert THAI_NOTICE in soup(client.get("/th/organizations/lao-womens-union/")).get_text()


def test_language_switcher_keeps_the_reader_on_the_same_page(client, demo_site):
    expected = {"en": "/about-us/", "lo": "/lo/about-us/", "th": "/th/about-us/"}
    assert switcher(soup(client.get("/about-us/"))) == expected
    assert switcher(soup(client.get("/lo/about-us/"))) == expected
    # A page without translations: each language shows it under its own prefix.
    path = "/organizations/lao-womens-union/"
    expected = {"en": path, "lo": f"/lo{path}", "th": f"/th{path}"}
    assert switcher(soup(client.get(f"/th{path}"))) == expected
    # Views outside the page tree keep their query.
    links = switcher(soup(client.get("/search/?q=help")))
    assert links["lo"] == "/lo/search/?q=help" and links["th"] == "/th/search/?q=help"
    html = soup(client.get("/lo/"))
    current = html.select_one(".language-nav a[aria-current]")
    assert current["hreflang"] == "lo"


def test_hreflang_alternates_list_published_translations(client, demo_site):
    html = soup(client.get("/about-us/"))
    alternates = {
        link["hreflang"]: link["href"] for link in html.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {
        "en": "http://localhost/about-us/",
        "lo": "http://localhost/lo/about-us/",
        "th": "http://localhost/th/about-us/",
        "x-default": "http://localhost/about-us/",
    }
    assert html.select_one("link[rel=canonical]")["href"] == "http://localhost/about-us/"
    html = soup(client.get("/lo/organizations/lao-womens-union/"))
    alternates = {link["hreflang"] for link in html.select("link[rel=alternate][hreflang]")}
    assert alternates == {"en", "x-default"}, "no alternates for translations that do not exist"


def test_links_in_the_frame_keep_the_reader_in_their_language(client, demo_site):
    html = soup(client.get("/lo/"))
    links = {a["href"]: a for a in html.select(".utility-nav a")}
    assert set(links) == {"/lo/how-you-can-help/", "/lo/about-us/", "/lo/contact-us/"}
    # Every standard page of the demo has a Lao edition, named in Lao.
    assert {a["lang"] for a in links.values()} == {"lo"}
    assert links["/lo/contact-us/"].get_text(strip=True) == "ຕິດຕໍ່ພວກເຮົາ"
    assert html.select_one("a.brand")["href"] == "/lo/"


def test_unknown_address_is_still_a_404_in_every_language(client, demo_site):
    for path in ["/lo/no-such-page/", "/th/about-us/no-such-child/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert 'lang="en"' not in response.content.decode()[:300]


def test_unpublished_translation_is_not_shown(client, demo_site):
    from portal.standardpages.models import StandardPage

    lao = StandardPage.objects.get(slug="about-us", locale__language_code="lo")
    lao.unpublish()
    html = soup(client.get("/lo/about-us/"))
    assert html.select_one("h1").get_text(strip=True) == "About Us"
    assert LAO_NOTICE in html.select_one(".languages-notice").get_text()


def test_catalogues_say_they_are_machine_made_and_the_site_says_so(client, site_tree):
    for language in ["lo", "th"]:
        path = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        assert catalogue.metadata["X-Review-Status"] == "machine-translated, not reviewed"
        assert language not in language_settings().reviewed_interface_languages
        assert catalogue.percent_translated() == 100
        assert all("machine translation, not reviewed" in entry.tcomment for entry in catalogue), (
            "each string says it is unreviewed"
        )
        html = soup(client.get(f"/{language}/"))
        assert html.select_one(".languages-interface-note"), "readers are told it is unreviewed"
    assert not soup(client.get("/")).select_one(".languages-interface-note")


def test_the_lao_pdr_profile_reads_in_lao_and_thai_with_its_footnotes(client, demo_site):
    english = soup(client.get("/countries/la/"))
    footnotes = [a["href"] for a in english.select("main a[href^='#note-']")]
    assert len(set(footnotes)) > 20
    for path, title in (("/lo/countries/la/", "ສປປ ລາວ"), ("/th/countries/la/", "สปป. ลาว")):
        html = soup(client.get(path))
        assert html.h1.get_text(strip=True) == title
        assert not html.select_one("main").has_attr("lang"), "the text is in the page's language"
        assert [a["href"] for a in html.select("main a[href^='#note-']")] == footnotes
