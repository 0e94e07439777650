"""HTTP caching on the read path: Cache-Control for shared caches on what every anonymous
reader gets alike (never with cookies, forms or a login), ETags and 304s, feeds answering
If-Modified-Since, gzip outside forms."""

import pytest


@pytest.mark.django_db
def test_anonymous_page_is_publicly_cacheable_with_etag_and_304(client):
    response = client.get("/countries/la/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert not response.cookies
    etag = response["ETag"]
    again = client.get("/countries/la/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert client.get("/countries/th/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/contact-us/", "/inquiry-corner/"])
def test_pages_with_forms_are_private_and_uncompressed(client, path):
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response.get("Content-Encoding") != "gzip"  # BREACH: no compression next to a token


@pytest.mark.django_db
def test_logged_in_reader_gets_private_responses(client, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw-12345!")
    client.force_login(user)
    response = client.get("/countries/la/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


@pytest.mark.django_db
def test_dynamic_html_is_gzipped(client):
    import gzip

    plain = client.get("/countries/la/")
    response = client.get("/countries/la/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content) == plain.content
    assert len(response.content) < len(plain.content) / 3


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/feeds/updates.rss", "/feeds/updates.atom"])
def test_feeds_answer_conditional_requests(client, path):
    response = client.get(path)
    assert response.status_code == 200
    last_modified = response["Last-Modified"]
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert (
        client.get(path, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200
    )
