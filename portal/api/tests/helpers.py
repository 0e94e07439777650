"""Reading the API in tests: every page of a list, followed through its `next` links."""

from urllib.parse import urlsplit


def get_json(client, url: str, **headers) -> dict:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def relative(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def all_items(client, url: str) -> list[dict]:
    """Every item of a list, page after page."""
    items: list[dict] = []
    next_url: str | None = url
    while next_url:
        page = get_json(client, relative(next_url))
        items.extend(page["items"])
        next_url = page["next"]
    return items
