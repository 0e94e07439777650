"""What every API response gets: caching headers and 304s, CORS, the rate limit, JSON errors,
HEAD; and the reference page."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_etag_and_if_none_match_give_304(client, demo_site):
    response = client.get("/api/v1/figures?country=la")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    etag = response["ETag"]
    again = client.get("/api/v1/figures?country=la", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    other = client.get("/api/v1/figures?country=th", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_last_modified_and_if_modified_since_give_304(client, demo_site):
    response = client.get("/api/v1/countries/la")
    last_modified = response["Last-Modified"]
    assert last_modified.endswith("GMT")
    again = client.get("/api/v1/countries/la", headers={"If-Modified-Since": last_modified})
    assert again.status_code == 304
    earlier = client.get(
        "/api/v1/countries/la", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
    )
    assert earlier.status_code == 200


def test_head_has_the_headers_and_no_body(client, demo_site):
    response = client.head("/api/v1/sources")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get("/api/v1/sources")["ETag"]


def test_cors_is_open_for_reading_the_api_only(client, demo_site):
    origin = {"Origin": "https://research.example.org"}
    response = client.get("/api/v1/countries", headers=origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/countries",
        headers={**origin, "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/data/", headers=origin)


def test_rate_limit_per_client_answers_429_with_retry_after(client, settings, demo_site):
    settings.PORTAL_API_RATE_LIMIT = "3/minute"
    address = {"REMOTE_ADDR": "198.51.100.23"}  # an address no other test uses
    for _attempt in range(3):
        assert client.get("/api/v1/topics", **address).status_code == 200
    refused = client.get("/api/v1/topics", **address)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.json()["detail"]
    # Another client is counted on its own.
    assert client.get("/api/v1/topics", REMOTE_ADDR="192.0.2.7").status_code == 200
    # The site itself is not limited.
    assert client.get("/data/", **address).status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/v1/countries/zz", 404, "No country has the code zz"),
        ("/api/v1/figures/6f0c1f1e-9f0a-4a31-8f1e-1c5f0e8d9a00", 404, "No figure"),
        ("/api/v1/figures/not-a-uuid", 422, "Invalid request"),
        ("/api/v1/resources?type=poem", 422, "type"),
        ("/api/v1/no-such-endpoint", 404, "no such address"),
        ("/api/v1/topics/no-such-topic", 404, "No topic"),
    ],
)
def test_errors_are_json_with_a_clear_message(client, demo_site, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["detail"]


def test_the_api_is_read_only(client, demo_site):
    response = client.post("/api/v1/countries", {"iso2": "XX"})
    assert response.status_code == 405
    assert response.json()["detail"].startswith("Method not allowed")


def test_the_reference_page_lists_every_path_in_the_site_frame(client, demo_site):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    response = client.get("/api/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("header") and soup.select_one("footer")
    text = soup.get_text(" ")
    for path in document["paths"]:
        assert f"GET {path}" in text
    assert "figures_api_url" in text  # the response schemas are described field by field
    # No script from anywhere, and nothing from other hosts. Absolute addresses name this
    # site: the request's host (the canonical link) or the Site's address, which follows
    # PORTAL_BASE_URL (the hreflang alternates, as on every page).
    site_roots = ("http://testserver/", Site.objects.get(is_default_site=True).root_url + "/")
    for tag in soup.find_all(["script", "link", "img"]):
        address = tag.get("src") or tag.get("href") or ""
        external = address.startswith(("http:", "https:", "//"))
        assert not external or address.startswith(site_roots), address
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    assert alternates["lo"] == site_roots[1] + "lo/api/"
    assert len(soup.find_all("script")) <= 1  # the site frame's own quick-exit script
