"""Pages to search: standard pages in English, Lao and Thai, built through Wagtail's own
publishing so that indexing runs as it does on the site (the test settings run tasks at once)."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page

from portal.home.models import HomePage
from portal.search import documents, fulltext
from portal.standardpages.models import StandardPage


@pytest.fixture(autouse=True, params=["tantivy", "database"])
def engine(request, settings, tmp_path):
    """Every search test runs on the embedded index and on the database's own index. The
    embedded index gets a directory of its own per test; with the demo site it is filled from
    the demo's search documents (as `rebuild_search --from-documents` does)."""
    settings.PORTAL_SEARCH_ENGINE = request.param
    settings.PORTAL_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    fulltext.forget_open_indexes()
    if request.param == "tantivy" and "demo_site" in request.fixturenames:
        request.getfixturevalue("demo_site")
        documents.refill_index()
    yield request.param
    fulltext.forget_open_indexes()


def add_page(
    parent: Page, title: str, intro: str = "", body_text: str = "", publish: bool = True, **extra
) -> StandardPage:
    body = [{"type": "paragraph", "value": f"<p>{body_text}</p>"}] if body_text else []
    page = StandardPage(title=title, intro=intro, body=body, live=publish, **extra)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def translated_home(home: HomePage, language: str) -> HomePage:
    locale = Locale.objects.get(language_code=language)
    existing = home.get_translation_or_none(locale)
    if existing:
        return existing
    translation = home.copy_for_translation(locale)
    translation.save_revision().publish()
    cache.delete("wagtail_site_root_paths")  # Wagtail's cache of site roots and their translations
    return translation.specific


@pytest.fixture
def pages(site_tree):
    """A small corpus; returns the pages by key."""
    home = site_tree
    home_th = translated_home(home, "th")
    home_lo = translated_home(home, "lo")
    return {
        "home": home,
        "fishing": add_page(
            home,
            "Forced labour at sea",
            intro="How forced labour hides in the fishing industry.",
            body_text="Crews on long-haul fishing boats are held in debt bondage. "
            "Forced labour on these vessels can last for years.",
        ),
        "factories": add_page(
            home,
            "Labour rights in factories",
            intro="Garment factories and forced overtime.",
            body_text="Workers were forced to stay, and labour inspectors found locked doors.",
        ),
        "trafficking": add_page(
            home,
            "Trafficking in persons explained",
            intro="What human trafficking is, and what it is not.",
            body_text="Trafficking involves recruitment by deception and exploitation.",
        ),
        "thai": add_page(
            home_th,
            "การค้ามนุษย์ในภูมิภาค",
            intro="การค้ามนุษย์เป็นอาชญากรรมร้ายแรง",
            body_text="แรงงานบังคับในเรือประมงเป็นปัญหาที่สำคัญ",
        ),
        "lao": add_page(
            home_lo,
            "ການຄ້າມະນຸດໃນພາກພື້ນ",
            intro="ການຄ້າມະນຸດແມ່ນອາຊະຍາກຳ",
            body_text="ແຮງງານບັງຄັບໃນເຮືອຫາປາ",
        ),
        "mixed": add_page(
            home,
            "Mekong notes",
            intro="Hotline สายด่วน 1300 and ສາຍດ່ວນ 1362 for victims.",
        ),
        "draft": add_page(
            home,
            "Unpublished trafficking draft",
            intro="This secret draft mentions trafficking.",
            publish=False,
        ),
    }
