import pytest
from bs4 import BeautifulSoup

from portal.standardpages.models import StandardPage
from portal.taxonomy.models import RelatedLink, RelatedPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_with_related(demo_site):
    about = StandardPage.objects.get(slug="about-us", locale__language_code="en")
    help_page = StandardPage.objects.get(slug="how-you-can-help", locale__language_code="en")
    privacy = StandardPage.objects.get(
        slug="privacy-policy-and-disclaimer", locale__language_code="en"
    )
    privacy.unpublish()  # an unpublished target is never shown
    about.related_pages.add(RelatedPage(target=help_page), RelatedPage(target=privacy))
    for i in range(7):
        about.related_links.add(
            RelatedLink(
                title=f"Link {i}", url=f"https://example.org/{i}", language="lo" if i else ""
            )
        )
    about.save_revision().publish()
    return about


def test_related_boxes_show_curated_pages_and_links(client, about_with_related):
    html = BeautifulSoup(client.get("/about-us/").content, "html.parser")
    boxes = html.select(".related__box")
    assert [b.h2.get_text() for b in boxes] == [
        "Related pages on this site",
        "Related external links",
    ]
    assert [a.get_text() for a in boxes[0].select("li a")] == ["How You Can Help"]
    links = boxes[1].select("li a")
    assert len(links) == 5 and links[1]["hreflang"] == "lo"
    assert (
        boxes[1].find("a", string="View all related links")["href"]
        == f"/related/{about_with_related.pk}/"
    )


def test_view_all_lists_everything(client, about_with_related):
    response = client.get(f"/related/{about_with_related.pk}/")
    html = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert len(html.select("#all-related-links + ul li")) == 7
    assert [a.get_text() for a in html.select("#all-related-pages ~ ul a")] == ["How You Can Help"]


def test_view_all_is_not_available_for_unpublished_pages(client, about_with_related):
    about_with_related.unpublish()
    assert client.get(f"/related/{about_with_related.pk}/").status_code == 404
    assert client.get("/related/999999/").status_code == 404


def test_a_page_without_related_content_shows_no_boxes(client, demo_site):
    html = BeautifulSoup(client.get("/contact-us/").content, "html.parser")
    assert html.select(".related") == []
