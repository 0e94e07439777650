"""Bad input never breaks a page: a crawl of the demo site's public pages collects every link
that carries a query parameter or a number in its path, then asks again with each value
replaced by something no form would send (a number far past any database integer, a negative
one, words, unicode, a NUL byte). Every answer must be below 500: a page, a clear message, a
redirect or a 404.
"""

import re
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

SEEDS = ["/", "/lo/", "/th/", "/search/?q=trafficking&type=resource"]
# Not public pages, or files rather than pages (their own tests cover them).
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/django-admin/")
MAX_PAGES = 120  # pages fetched to collect links; enough to reach every kind of page
MAX_MUTATED_LINKS = 60  # links whose values are replaced (each with every bad value)

HUGE = "99999999999999999999999"
BAD_VALUES = [HUGE, "-1", "not-a-number", "ລາວ\u200b🙂", "1\x00", "9" * 400]
NUMBER_SEGMENT = re.compile(r"(?<=/)\d+(?=/|$|\.)")


def _internal(href: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES):
        return None
    return urlunsplit(("", "", path, parts.query, ""))


def crawl(client) -> tuple[list[str], set[str]]:
    """Pages reached from the seeds (breadth first), and the links found on them."""
    seen: set[str] = set()
    links: set[str] = set()
    queue = deque(SEEDS)
    fetched: list[str] = []
    while queue and len(fetched) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        fetched.append(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for anchor in BeautifulSoup(response.content, "html.parser").find_all("a", href=True):
            link = _internal(anchor["href"])
            if link is None:
                continue
            links.add(link)
            # Follow pages, not every combination of filters on them.
            page = link.split("?", 1)[0]
            if page not in seen:
                queue.append(page)
        for form in BeautifulSoup(response.content, "html.parser").find_all("form", method=False):
            # GET forms (search, listing filters): their fields are query parameters too.
            action = _internal(form.get("action") or url.split("?", 1)[0])
            names = [field.get("name") for field in form.find_all(["input", "select"])]
            names = [name for name in names if name and name != "csrfmiddlewaretoken"]
            if action and names:
                links.add(f"{action}?" + urlencode([(name, "1") for name in names]))
    return fetched, links


def mutations(link: str):
    parts = urlsplit(link)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for index, (name, _value) in enumerate(query):
        for bad in BAD_VALUES:
            changed = [*query[:index], (name, bad), *query[index + 1 :]]
            yield urlunsplit(("", "", parts.path, urlencode(changed), ""))
    for match in NUMBER_SEGMENT.finditer(parts.path):
        for bad in (HUGE, "0", "-1"):
            path = parts.path[: match.start()] + bad + parts.path[match.end() :]
            yield urlunsplit(("", "", path, parts.query, ""))


def test_no_public_link_answers_a_server_error_whatever_its_values(client, demo_site):
    fetched, links = crawl(client)
    client.raise_request_exception = False  # collect every failure, then report them all
    assert len(fetched) > 40, "the crawl should reach most of the demo site"
    interesting = sorted(
        link for link in links if "?" in link or NUMBER_SEGMENT.search(link.split("?")[0])
    )
    # One link per path and set of parameter names: /resources/?country=la and ?country=th
    # exercise the same code.
    distinct: dict[tuple, str] = {}
    for link in interesting:
        parts = urlsplit(link)
        key = (
            NUMBER_SEGMENT.sub("N", parts.path),
            tuple(sorted({name for name, _ in parse_qsl(parts.query)})),
        )
        distinct.setdefault(key, link)
    chosen = list(distinct.values())[:MAX_MUTATED_LINKS]
    assert any("?" in link for link in chosen), "the demo site has filter links"
    assert any(NUMBER_SEGMENT.search(link.split("?")[0]) for link in chosen)
    failures = []
    asked = 0
    for link in chosen:
        for mutated in mutations(link):
            asked += 1
            status = client.get(mutated).status_code
            if status >= 500:
                failures.append(f"{status} {mutated}")
    assert not failures, "\n".join(failures)
    assert asked > 50, f"only {asked} mutated requests: the crawl found too few links"


@pytest.mark.parametrize(
    "path",
    [
        f"/needs-and-resources/needs/{HUGE}/",
        f"/needs-and-resources/offers/{HUGE}/",
        f"/needs-and-resources/needs/{HUGE}/interest/",
        f"/needs-and-resources/connections/{HUGE}/",
        f"/newsletter/archive/{HUGE}/",
        f"/feeds/events/{HUGE}.ics",
        f"/related/{HUGE}/",
        f"/inquiry-corner/?countries={HUGE}",
        f"/newsletter/?countries={HUGE}&topics={HUGE}",
        f"/resources/?country={HUGE}&topic={HUGE}&page={HUGE}",
        f"/search/?q=trafficking&page={HUGE}&year={HUGE}",
    ],
)
def test_numbers_past_any_database_integer_in_a_url_are_not_found(client, demo_site, path):
    assert client.get(path).status_code < 500
