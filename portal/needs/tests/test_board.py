"""The campaign page: the board with its filters in the URL, pagination, expiry, status flow
and the counts."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from portal.mailer.models import OutgoingEmail
from portal.needs.choices import Status
from portal.needs.expiry import expire_posts
from portal.needs.models import InvalidTransition, Need, Offer, Post
from portal.needs.stats import campaign_counts
from portal.testing.html import link_texts

from .conftest import in_days

pytestmark = pytest.mark.django_db

BOARD = "/needs-and-resources/"


def titles(response) -> list[str]:
    return link_texts(response.content, ".needs-card__title a")


@pytest.fixture
def mixed_board(board, shelter, donor, make_user, make_need, make_offer):
    other = make_user("ngo@example.org", name="Delta Outreach")
    make_need(shelter, title="Urgent beds", category="shelter", urgency="urgent")
    make_need(other, title="Thai interpreters", category="interpreting", country="TH")
    make_need(
        other,
        title="Legal aid in Phnom Penh",
        category="legal-aid",
        country="KH",
        urgency="routine",
    )
    make_offer(donor, title="Grants for shelters", category="funding", where=("LA", "KH"))
    make_offer(
        make_user("remote@example.org"),
        title="Remote research",
        category="research",
        where=(),
        remote=True,
    )
    return board


@pytest.mark.parametrize(
    "query,expected",
    [
        (
            "",
            {
                "Urgent beds",
                "Thai interpreters",
                "Legal aid in Phnom Penh",
                "Grants for shelters",
                "Remote research",
            },
        ),
        ("?kind=need", {"Urgent beds", "Thai interpreters", "Legal aid in Phnom Penh"}),
        ("?kind=offer", {"Grants for shelters", "Remote research"}),
        ("?category=shelter", {"Urgent beds"}),
        ("?country=kh", {"Legal aid in Phnom Penh", "Grants for shelters"}),
        ("?country=la&kind=offer", {"Grants for shelters"}),
        ("?urgency=urgent", {"Urgent beds"}),
        ("?urgency=routine&kind=offer", {"Legal aid in Phnom Penh"}),
        ("?q=phnom", {"Legal aid in Phnom Penh"}),
        ("?status=matched", set()),
    ],
)
def test_filters_in_the_url(client, mixed_board, query, expected):
    response = client.get(BOARD + query)
    assert response.status_code == 200
    assert set(titles(response)) == expected


@pytest.mark.smoke
def test_unknown_filter_values_are_shown_and_left_out(client, mixed_board):
    response = client.get(BOARD + "?country=zz&category=weapons&kind=need&q=" + "x" * 101)
    assert response.status_code == 200
    assert "were not understood" in response.content.decode()
    assert set(titles(response)) == {"Urgent beds", "Thai interpreters", "Legal aid in Phnom Penh"}


def test_the_board_sets_no_cookie_and_has_no_form_token(client, mixed_board):
    response = client.get(BOARD + "?kind=need")
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content


def test_pagination_keeps_the_filters(client, board, shelter, make_need):
    for n in range(23):
        make_need(shelter, title=f"Need number {n:02d}", category="equipment")
    make_need(shelter, title="Other category", category="funding")
    first = client.get(BOARD + "?category=equipment")
    assert len(titles(first)) == 20
    html = BeautifulSoup(first.content, "html.parser")
    next_link = html.select_one("a[rel=next]")["href"]
    assert "category=equipment" in next_link and "page=2" in next_link
    second = client.get(BOARD + next_link)
    assert len(titles(second)) == 3 and "Other category" not in titles(second)
    assert client.get(BOARD + "?page=999").status_code == 200
    assert client.get(BOARD + "?page=abc").status_code == 200


def test_each_post_has_its_own_stable_page(client, board, shelter, make_need):
    need = make_need(shelter, province="Savannakhet", quantity="six beds")
    response = client.get(BOARD)
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(".needs-card__title a")["href"] == f"{BOARD}needs/{need.pk}/"
    page = client.get(f"{BOARD}needs/{need.pk}/")
    text = BeautifulSoup(page.content, "html.parser").get_text(" ", strip=True)
    assert need.title in text and "Savannakhet, Lao PDR" in text and "six beds" in text
    assert "Riverside Shelter" in text
    assert "shelter@example.org" not in page.content.decode()
    assert f"{BOARD}needs/{need.pk}/" in client.get("/sitemap.xml").content.decode()


def test_expired_posts_leave_the_board_without_any_job_running(
    client, board, shelter, donor, make_need, make_offer
):
    make_need(shelter, title="Last day", until=timezone.localdate())
    old = make_need(shelter, title="Yesterday", until=in_days(-1))
    make_offer(donor, title="Old offer", until=in_days(-3))
    assert set(titles(client.get(BOARD))) == {"Last day"}
    assert old.status == Status.OPEN  # no job has run; the date rule alone hides it
    page = client.get(f"{BOARD}needs/{old.pk}/")
    assert page.status_code == 200 and "its date has passed" in page.content.decode()
    assert "Express interest" not in page.content.decode()


def test_expiry_marks_posts_expired_and_tells_their_owners(
    board, shelter, donor, make_need, make_offer
):
    old_need = make_need(shelter, title="Yesterday", until=in_days(-1))
    old_offer = make_offer(donor, title="Old offer", until=in_days(-3))
    matched = make_need(shelter, title="Matched long ago", until=in_days(-2))
    matched.set_status(Status.MATCHED, check=False)
    current = make_need(shelter, title="Current")
    assert expire_posts() == 2
    assert Need.objects.get(pk=old_need.pk).status == Status.EXPIRED
    assert Offer.objects.get(pk=old_offer.pk).status == Status.EXPIRED
    # A matched need keeps its status so that it can still be marked fulfilled.
    assert Need.objects.get(pk=matched.pk).status == Status.MATCHED
    assert Need.objects.get(pk=current.pk).status == Status.OPEN
    emails = OutgoingEmail.objects.filter(purpose="needs.expired")
    assert sorted(e.to[0] for e in emails) == ["donor@example.net", "shelter@example.org"]
    assert expire_posts() == 0  # nothing twice


def test_the_expiry_command(board, shelter, make_need, capsys):
    make_need(shelter, until=in_days(-1))
    call_command("expire_posts")
    assert "Expired 1 post(s)." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_expiry_task_runs_on_the_durable_queue(settings, site_tree, shelter, make_need):
    from portal.needs.demo import load
    from portal.needs.tasks import expire_outdated_posts

    load(lambda message: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    need = make_need(shelter, until=in_days(-1))
    result = expire_outdated_posts.enqueue()
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    result.refresh()
    assert result.return_value == 1
    assert Need.objects.get(pk=need.pk).status == Status.EXPIRED


def test_extending_an_expired_post_opens_it_again_after_review(
    client, board, shelter, make_need, countries
):
    from .conftest import form_started

    need = make_need(shelter, until=in_days(-1))
    expire_posts()
    client.force_login(shelter)
    client.post(
        f"{BOARD}needs/{need.pk}/edit/",
        {
            "title": need.title,
            "category": need.category,
            "description": need.description,
            "country": countries["LA"].pk,
            "urgency": need.urgency,
            "until": in_days(30).isoformat(),
            "form_started": form_started(),
        },
    )
    need.refresh_from_db()
    assert need.status == Status.OPEN and need.moderation_status == "pending"


def test_the_status_flow(board, shelter, make_need):
    need = make_need(shelter)
    assert need.allowed_statuses() == ["in-discussion", "matched", "withdrawn", "expired"]
    with pytest.raises(InvalidTransition):
        need.set_status(Status.FULFILLED)
    need.set_status(Status.IN_DISCUSSION)
    need.set_status(Status.MATCHED)
    need.set_status(Status.FULFILLED)
    assert need.allowed_statuses() == []
    with pytest.raises(InvalidTransition):
        need.set_status(Status.OPEN)
    withdrawn = make_need(shelter)
    withdrawn.set_status(Status.WITHDRAWN)
    assert withdrawn.allowed_statuses() == ["open"]


def test_owners_move_their_post_along_the_flow(client, board, shelter, make_need):
    need = make_need(shelter)
    client.force_login(shelter)
    page = client.get(f"{BOARD}needs/{need.pk}/")
    assert "Mark as “Matched”" in page.content.decode()
    assert "Mark as “Fulfilled”" not in page.content.decode()
    assert "Mark as “Expired”" not in page.content.decode()
    client.post(f"{BOARD}needs/{need.pk}/status/", {"status": "expired"})
    assert Need.objects.get(pk=need.pk).status == Status.OPEN
    response = client.post(f"{BOARD}needs/{need.pk}/status/", {"status": "fulfilled"})
    assert response.status_code == 302
    assert Need.objects.get(pk=need.pk).status == Status.OPEN  # not allowed from open
    for status in ("matched", "fulfilled"):
        client.post(f"{BOARD}needs/{need.pk}/status/", {"status": status})
    assert Need.objects.get(pk=need.pk).status == Status.FULFILLED
    assert client.get(f"{BOARD}needs/{need.pk}/status/").status_code == 405
    # Fulfilled posts stay as they were.
    assert client.get(f"{BOARD}needs/{need.pk}/edit/").status_code == 403


def test_a_withdrawn_post_is_hidden_from_everyone_but_its_owner(
    client, board, shelter, make_user, make_need
):
    need = make_need(shelter)
    client.force_login(shelter)
    client.post(f"{BOARD}needs/{need.pk}/status/", {"status": "withdrawn"})
    assert client.get(f"{BOARD}needs/{need.pk}/").status_code == 200
    client.force_login(make_user("reader@example.org"))
    assert client.get(f"{BOARD}needs/{need.pk}/").status_code == 404
    client.logout()
    assert need.title not in titles(client.get(BOARD))


def test_counts_of_needs_met_by_category_and_country(
    client, board, shelter, donor, make_need, make_offer
):
    def need(status, **fields):
        post = make_need(shelter, **fields)
        if status != Status.OPEN:
            Post.objects.filter(pk=post.pk).update(status=status)
        return post

    need(Status.FULFILLED, category="shelter")
    need(Status.FULFILLED, category="shelter", country="TH", until=in_days(-30))
    need(Status.FULFILLED, category="funding")
    need(Status.MATCHED, category="funding")
    need(Status.IN_DISCUSSION, category="shelter")
    need(Status.OPEN, category="shelter", country="TH")
    need(Status.OPEN, category="shelter", country="TH", until=in_days(-1))  # off the board
    need(Status.WITHDRAWN, category="shelter")
    make_need(shelter, approved=False, category="shelter")  # unmoderated: never counted
    Post.objects.filter(pk=make_need(shelter, category="shelter").pk).update(
        status=Status.FULFILLED, moderation_status="rejected"
    )
    make_offer(donor, category="shelter", where=("LA", "TH"))

    counts = campaign_counts()
    assert counts.needs_met == 3
    assert counts.needs_matched == 1
    assert counts.needs_in_discussion == 1
    assert counts.open_needs == 2  # open or in discussion, on the board
    assert counts.open_offers == 1
    by_category = {row.key: row for row in counts.by_category}
    assert (by_category["shelter"].needs_met, by_category["shelter"].open_needs) == (2, 2)
    assert by_category["shelter"].open_offers == 1
    assert by_category["funding"].needs_met == 1
    by_country = {row.key: row for row in counts.by_country}
    assert (by_country["la"].needs_met, by_country["la"].open_needs) == (2, 1)
    assert (by_country["th"].needs_met, by_country["th"].open_needs) == (1, 1)
    assert by_country["th"].open_offers == 1

    html = BeautifulSoup(client.get(BOARD).content, "html.parser")
    figures = {
        item.dt.get_text(strip=True): item.dd.get_text(strip=True)
        for item in html.select(".needs-figures__item")
    }
    assert figures["Needs met"] == "3"
    assert figures["Open needs"] == "2"
    table = html.find("caption", string="By country").find_parent("table")
    assert "Thailand" in table.get_text()


def test_a_matched_post_leaves_the_seeking_list_but_can_be_filtered(
    client, board, shelter, make_need
):
    need = make_need(shelter, title="Found help")
    need.set_status(Status.MATCHED)
    assert "Found help" not in titles(client.get(BOARD))
    assert titles(client.get(BOARD + "?status=matched")) == ["Found help"]


def test_the_demo_campaign_page_is_created_once_and_keeps_editors_changes(site_tree, client):
    from portal.needs.demo import load
    from portal.needs.models import NeedsBoardPage

    load(lambda message: None)
    page = NeedsBoardPage.objects.get(locale__language_code="en")
    assert page.live and page.url == BOARD
    page.title = "Needs and resources"
    page.save_revision().publish()
    load(lambda message: None)
    assert NeedsBoardPage.objects.get(locale__language_code="en").title == "Needs and resources"
    html = BeautifulSoup(client.get("/").content, "html.parser")
    assert html.select_one(".section-nav a[href='/needs-and-resources/']")
    assert "never post anything about victims" in client.get(BOARD).content.decode().lower()


def test_a_countrys_page_gets_a_panel_with_what_is_needed_there(
    rf, board, shelter, donor, make_need, make_offer, countries
):
    from wagtail import hooks

    from portal.core.hooks import COUNTRY_PANELS_HOOK

    make_need(shelter, country="LA")
    make_need(shelter, country="LA", approved=False)
    make_offer(donor, where=("LA", "TH"))
    request = rf.get("/countries/la/")
    fragments = [fn(countries["LA"], request) for fn in hooks.get_hooks(COUNTRY_PANELS_HOOK)]
    # Other apps add their own panels to country pages: look at the board's.
    board_panels = [f for f in fragments if f and BOARD in f]
    html = BeautifulSoup("".join(board_panels), "html.parser")
    text = html.get_text(" ", strip=True)
    assert "1 open need in Lao PDR" in text and "1 offer of help" in text
    assert html.find("a")["href"] == f"{BOARD}?country=la"
    empty = [fn(countries["KH"], request) for fn in hooks.get_hooks(COUNTRY_PANELS_HOOK)]
    assert "Nothing is posted for Cambodia" in "".join(f for f in empty if f)


def test_board_pages_need_no_javascript_and_load_nothing_from_elsewhere(
    client, board, shelter, make_need
):
    need = make_need(shelter)
    for url in (BOARD, f"{BOARD}needs/{need.pk}/", "/accounts/register/", "/accounts/login/"):
        response = client.get(url)
        html = BeautifulSoup(response.content, "html.parser")
        # The only script is the frame's optional, deferred quick exit, from this site.
        for script in html.find_all("script", src=True):
            assert script.has_attr("defer") and script["src"].startswith("/static/"), url
        for tag, attribute in (("link", "href"), ("img", "src")):
            for element in html.find_all(tag):
                if {"canonical", "alternate"} & set(element.get("rel", [])):
                    continue  # absolute by definition, loads nothing
                assert not (element.get(attribute) or "").startswith(("http", "//")), url
        assert "default-src 'self'" in response["Content-Security-Policy"]


def test_an_atom_feed_follows_the_boards_filters(client, mixed_board):
    response = client.get(BOARD + "feed/?kind=need&country=kh")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    from defusedxml import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.fromstring(response.content).findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == ["Need: Legal aid in Phnom Penh"]
    link = entries[0].find(f"{atom}link").get("href")
    assert link.startswith("http://testserver/needs-and-resources/needs/")
    assert "@" not in response.content.decode()  # no addresses in the feed
    board_html = client.get(BOARD + "?kind=need").content.decode()
    assert 'href="/needs-and-resources/feed/?kind=need"' in board_html
