"""The staff second factor: who must use it, enrolment on first sign-in, recovery codes that
work once, optional for other editors."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security.second_factor import requires_second_factor
from portal.testing.security import current_code

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def member(username: str, group: str | None = None, **fields) -> User:
    user = User.objects.create_user(username, password="pw-pw-pw-1", **fields)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def test_who_must_use_a_second_factor(settings):
    assert requires_second_factor(member("boss", is_superuser=True))
    for group in ("Inquiry desk", "Moderators", "Needs moderators", "Newsletter"):
        assert requires_second_factor(member(group.lower().replace(" ", "-"), group)), group
    assert not requires_second_factor(member("editor", "Editors"))
    settings.PORTAL_SECOND_FACTOR_GROUPS = ["Editors"]
    assert requires_second_factor(member("editor2", "Editors"))


def enrol(client) -> tuple[TOTPDevice, list[str]]:
    setup = client.get("/admin/second-factor/setup/?next=/admin/pages/")
    assert setup.status_code == 200
    html = setup.content.decode()
    assert "<svg" in html  # the QR code, drawn on the server (no script, no third party)
    secret = re.search(r"data-totp-secret>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(confirmed=False)
    assert secret in device.config_url
    done = client.post(
        "/admin/second-factor/setup/", {"code": current_code(device), "next": "/admin/pages/"}
    )
    assert done.status_code == 302
    assert done["Location"].startswith("/admin/second-factor/recovery-codes/")
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", codes_page)
    assert len(codes) == 10
    # Shown once only.
    assert client.get("/admin/second-factor/recovery-codes/").status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


def test_a_moderator_enrols_on_first_sign_in_and_recovery_codes_work_once(client):
    moderator = member("moderator", "Moderators")
    client.force_login(moderator)
    first = client.get("/admin/pages/")
    assert first["Location"] == "/admin/second-factor/setup/?next=%2Fadmin%2Fpages%2F"
    _, codes = enrol(client)
    assert client.get("/admin/pages/").status_code == 200

    client.logout()
    client.force_login(moderator)
    assert client.get("/admin/pages/")["Location"].startswith("/admin/second-factor/verify/")
    used = client.post(
        "/admin/second-factor/verify/", {"code": codes[0].upper(), "next": "/admin/pages/"}
    )
    assert used.status_code == 302 and used["Location"] == "/admin/pages/"
    assert StaticToken.objects.filter(device__user=moderator).count() == 9

    client.logout()
    client.force_login(moderator)
    again = client.post("/admin/second-factor/verify/", {"code": codes[0], "next": "/admin/"})
    assert again.status_code == 400
    assert client.get("/admin/pages/").status_code == 302


def test_other_editors_may_choose_a_second_factor_and_then_always_use_it(client):
    editor = member("editor", "Editors")
    client.force_login(editor)
    assert client.get("/admin/pages/").status_code == 200  # optional for editors
    account = client.get("/admin/account/")
    assert b"/admin/second-factor/" in account.content
    overview = client.get("/admin/second-factor/")
    assert b"Two-step verification is off" in overview.content
    enrol(client)
    client.logout()
    client.force_login(editor)
    assert client.get("/admin/pages/")["Location"].startswith("/admin/second-factor/verify/")


def test_next_never_leads_off_the_site(client):
    editor = member("editor", "Editors")
    device = TOTPDevice.objects.create(user=editor, name="Authenticator app")
    client.force_login(editor)
    response = client.post(
        "/admin/second-factor/verify/",
        {"code": current_code(device), "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_right_code_just_after_a_wrong_one_at_enrolment_is_told_to_wait(client):
    """django-otp refuses any code for a second after a wrong one, the new device's too: the
    page says so instead of calling the right code wrong (what the browser test met)."""
    desk = member("desk", "Inquiry desk")
    client.force_login(desk)
    client.get("/admin/second-factor/setup/")
    device = TOTPDevice.objects.get(user=desk, confirmed=False)
    wrong = client.post("/admin/second-factor/setup/", {"code": "123"})
    assert wrong.status_code == 400 and b"That code does not match" in wrong.content
    too_soon = client.post("/admin/second-factor/setup/", {"code": current_code(device)})
    assert too_soon.status_code == 400
    assert b"Too many wrong codes in a row" in too_soon.content
    device.refresh_from_db()
    device.throttling_failure_timestamp -= timedelta(seconds=2)  # the second has passed
    device.save()
    done = client.post("/admin/second-factor/setup/", {"code": current_code(device)})
    assert done.status_code == 302
