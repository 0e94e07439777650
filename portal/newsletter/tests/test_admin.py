"""Staff: only the Newsletter group sees subscribers; export, erase, bounces; composing,
previewing, testing and sending editions from the admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.mailer.models import OutgoingEmail
from portal.newsletter.models import Bounce, Edition, Subscriber
from portal.testing.security import login_staff

from .conftest import digest_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter_staff(site_tree):
    from django.apps import apps

    from portal.newsletter.groups import ensure_newsletter_group

    ensure_newsletter_group(apps)  # also after a flush
    user = User.objects.create_user("nl", email="nl@example.org", password="x")
    user.groups.add(Group.objects.get(name="Newsletter"))
    return user


@pytest.fixture
def editor(site_tree):
    user = User.objects.create_user("ed", email="ed@example.org", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_only_the_newsletter_group_sees_subscribers(client, newsletter_staff, editor):
    Subscriber.objects.create(email="person@example.org", status="subscribed")
    client.force_login(editor)
    for url in (
        reverse("newsletter_subscribers:index"),
        reverse("newsletter_editions:list"),
        reverse("newsletter_bounces:index"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert b"person@example.org" not in client.get(reverse("newsletter_subscribers:index")).content

    login_staff(client, newsletter_staff)
    response = client.get(reverse("newsletter_subscribers:index"))
    assert response.status_code == 200 and b"person@example.org" in response.content
    # Subscribers come only through double opt-in: no "add" in the admin.
    assert client.get(reverse("newsletter_subscribers:add")).status_code in (302, 403)


def test_csv_export(client, newsletter_staff, countries):
    person = Subscriber.objects.create(email="person@example.org", name="Som", status="subscribed")
    person.countries.set([countries["LA"], countries["TH"]])
    login_staff(client, newsletter_staff)
    response = client.get(reverse("newsletter_subscribers:index") + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    header, row = content.strip().splitlines()[:2]
    assert header.startswith("Email address,Name,Language,Status")
    assert row.startswith("person@example.org,Som,en,subscribed")
    assert '"LA, TH"' in row


def test_export_and_erase_ask_for_the_second_factor_again_when_it_is_old(client, newsletter_staff):
    from portal.testing.security import age_second_factor

    person = Subscriber.objects.create(email="person@example.org", status="subscribed")
    login_staff(client, newsletter_staff)
    age_second_factor(client, 11 * 60)
    index = reverse("newsletter_subscribers:index")
    assert client.get(index).status_code == 200  # the listing itself stays open
    exported = client.get(index + "?export=csv")
    assert exported.status_code == 302
    assert (
        exported["Location"]
        == "/admin/second-factor/verify/?next=%2Fadmin%2Fnewsletter%2Fsubscribers%2F"
    )
    erased = client.post(reverse("newsletter_subscribers:delete", args=[person.pk]))
    assert erased.status_code == 302 and "/admin/second-factor/verify/" in erased["Location"]
    assert Subscriber.objects.filter(pk=person.pk).exists()


def test_erase_one_person_leaves_no_trace(client, newsletter_staff, smtp_server, newsletter_page):
    from portal.newsletter.subscriptions import sign_up
    from portal.newsletter.tokens import Choices

    person = sign_up("forget.me@example.org", Choices("", "en", (), ()))
    other = Subscriber.objects.create(email="stay@example.org", status="subscribed")
    login_staff(client, newsletter_staff)
    edit_url = reverse("newsletter_subscribers:edit", args=[person.pk])
    data = {"name": "Forget", "language": "en", "status": "subscribed", "bounce_count": 0}
    assert client.post(edit_url, data).status_code == 302
    assert ModelLogEntry.objects.filter(object_id=str(person.pk)).exists()
    assert OutgoingEmail.objects.filter(to=["forget.me@example.org"]).exists()

    response = client.post(reverse("newsletter_subscribers:delete", args=[person.pk]))
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="forget.me@example.org").exists()
    assert not OutgoingEmail.objects.filter(reference=person.uuid.hex).exists()
    assert not ModelLogEntry.objects.filter(label__icontains="forget").exists()
    assert Subscriber.objects.filter(pk=other.pk).exists()


def test_bounces_mark_an_address_failing(client, newsletter_staff, settings):
    settings.NEWSLETTER_BOUNCE_LIMIT = 2
    person = Subscriber.objects.create(email="full@example.org", status="subscribed")
    login_staff(client, newsletter_staff)
    add_url = reverse("newsletter_bounces:add")
    unknown = client.post(add_url, {"email": "nobody@example.org", "kind": "hard", "note": ""})
    assert unknown.status_code == 200
    assert "No subscriber has this address" in unknown.content.decode()
    for _ in range(2):
        data = {"email": "FULL@example.org", "kind": "soft", "note": "552 mailbox full"}
        response = client.post(add_url, data)
        assert response.status_code == 302
    person.refresh_from_db()
    assert person.bounce_count == 2 and person.is_failing
    assert Bounce.objects.filter(subscriber=person, recorded_by=newsletter_staff).count() == 2
    assert not Subscriber.objects.receiving().exists()


def test_record_bounce_command(settings):
    settings.NEWSLETTER_BOUNCE_LIMIT = 1
    Subscriber.objects.create(email="gone@example.org", status="subscribed")
    from django.core.management import call_command

    call_command("record_bounce", "gone@example.org", "--note", "550 user unknown")
    assert Subscriber.objects.get().is_failing


def test_compose_preview_test_and_send(
    client, newsletter_staff, smtp_server, digest_items, newsletter_page, make_subscriber
):
    digest_items += [digest_item("a", title="Item a"), digest_item("b", title="Item b")]
    make_subscriber("reader@example.org")
    login_staff(client, newsletter_staff)
    add = client.get(reverse("newsletter_editions:add"))
    assert add.status_code == 200

    edition = Edition.objects.create(subject="December", intro="<p>Welcome.</p>")
    client.post(reverse("newsletter_editions:gather", args=[edition.pk]))
    assert edition.items.count() == 2
    edit = client.get(reverse("newsletter_editions:edit", args=[edition.pk]))
    assert edit.status_code == 200
    assert reverse("newsletter_editions:test", args=[edition.pk]).encode() in edit.content

    request = RequestFactory().get("/")
    request.user = newsletter_staff
    for mode, expected in (("html", "<table"), ("text", "== Updates =="), ("web", "<h1>December")):
        preview = edition.serve_preview(request, mode)
        preview = preview.render() if hasattr(preview, "render") else preview
        assert expected in preview.content.decode(), mode

    client.post(reverse("newsletter_editions:test", args=[edition.pk]), {"language": "en"})
    [test_copy] = smtp_server.to("nl@example.org")
    assert test_copy.subject == "[Test] December" and "Item b" in test_copy.html()

    confirm = client.get(reverse("newsletter_editions:send", args=[edition.pk]))
    assert "to 1 subscribers" in confirm.content.decode()
    sent = client.post(reverse("newsletter_editions:send", args=[edition.pk]))
    assert sent["Location"] == reverse("newsletter_editions:progress", args=[edition.pk])
    assert len(smtp_server.to("reader@example.org")) == 1  # the immediate task backend

    progress = client.get(sent["Location"])
    assert progress.status_code == 200
    assert b'id="progress-sent">1<' in progress.content
    state = client.get(sent["Location"] + "?format=json").json()
    assert state == {
        "status": "sent",
        "total": 1,
        "sent": 1,
        "failed": 0,
        "uncertain": 0,
        "skipped": 0,
        "remaining": 0,
    }
    # A sent edition can no longer be edited: the editor leads to its progress.
    assert (
        client.get(reverse("newsletter_editions:edit", args=[edition.pk]))["Location"]
        == (sent["Location"])
    )


def test_editors_cannot_send(client, editor, site_tree):
    edition = Edition.objects.create(subject="X", intro="<p>x</p>")
    client.force_login(editor)
    response = client.post(reverse("newsletter_editions:send", args=[edition.pk]))
    assert response.status_code in (302, 403) and response.get("Location") != reverse(
        "newsletter_editions:progress", args=[edition.pk]
    )
    edition.refresh_from_db()
    assert edition.is_draft


def form_fields(html: bytes, form_id: str) -> dict:
    """The values a browser would submit for a form (inputs, textareas, selects)."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            selected = field.find("option", selected=True) or field.find("option")
            data[name] = selected.get("value", "") if selected else ""
        else:
            data[name] = field.get("value", "")
    return data


def test_live_preview_in_the_editor(client, newsletter_staff, digest_items, newsletter_page):
    digest_items.append(digest_item("a", title="Item shown in preview"))
    edition = Edition.objects.create(subject="Preview me", intro="<p>Intro.</p>")
    login_staff(client, newsletter_staff)
    client.post(reverse("newsletter_editions:gather", args=[edition.pk]))
    assert edition.items.count() == 1
    edit = client.get(reverse("newsletter_editions:edit", args=[edition.pk]))
    data = form_fields(edit.content, "w-editor-form")
    data["subject"] = "Changed in the editor, not saved"
    preview_url = reverse("newsletter_editions:preview_on_edit", args=[edition.pk])
    assert client.post(preview_url, data).json()["is_valid"]
    for mode, expected in (("html", "<table"), ("text", "Item shown in preview")):
        response = client.get(preview_url, {"mode": mode})
        assert response.status_code == 200
        body = response.content.decode()
        assert "Changed in the editor, not saved" in body and expected in body, mode
    edition.refresh_from_db()
    assert edition.subject == "Preview me"  # previewing saves nothing
