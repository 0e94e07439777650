"""Reading rendered pages in tests."""

from bs4 import BeautifulSoup


def soup(response, status: int | None = 200) -> BeautifulSoup:
    """The response's HTML, parsed; checks the status first unless `status` is None."""
    if status is not None:
        assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def texts(elements) -> list[str]:
    """Each element's text with its whitespace collapsed."""
    return [" ".join(e.get_text(" ", strip=True).split()) for e in elements]


def link_texts(markup: str | bytes, selector: str) -> list[str]:
    """The text of each link `selector` finds (a listing's card titles, say)."""
    html = BeautifulSoup(markup, "html.parser")
    return [a.get_text(strip=True) for a in html.select(selector)]


def card_titles(client, path: str, status: int | None = None) -> list[str]:
    """The titles of the item cards of a listing page, in the order shown."""
    response = client.get(path)
    if status is not None:
        assert response.status_code == status, response.status_code
    return link_texts(response.content, ".item-card__title a")
