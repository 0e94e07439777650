"""A member of the inquiry desk reaches no person's data without the second factor
(portal.security), and exporting or erasing asks for it again when it is not recent."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.inquiries.models import Inquiry
from portal.testing.security import age_second_factor, current_code, login_staff

from .conftest import inquiry_post

pytestmark = pytest.mark.django_db

EXPORT = {"action": "export", "email": "dara.sok@example.org"}
ERASE = {"action": "erase", "email": "dara.sok@example.org", "confirm": "dara.sok@example.org"}


@pytest.fixture
def inquiry(client, desk_site) -> Inquiry:
    assert client.post("/inquiry-corner/", inquiry_post()).status_code == 302
    client.cookies.clear()
    return Inquiry.objects.get()


def test_a_desk_member_with_a_password_only_reaches_no_personal_data(client, desk_member, inquiry):
    client.force_login(desk_member)  # the password was right; no second factor yet
    for method, url, data in (
        ("get", "/admin/", None),
        ("get", "/admin/inquiries/", None),
        ("get", f"/admin/inquiries/edit/{inquiry.pk}/", None),
        ("get", f"/admin/inquiry_data_requests/?inquiry={inquiry.pk}", None),
        ("post", "/admin/inquiry_data_requests/", EXPORT),
    ):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/second-factor/setup/"), url
        assert b"dara" not in response.content.lower(), url
    # Enrolling is the only way on: the setup page is open to them.
    assert client.get("/admin/second-factor/setup/").status_code == 200


def test_with_an_app_enrolled_but_not_passed_this_session_it_asks_for_the_code(
    client, desk_member, inquiry
):
    device = TOTPDevice.objects.create(user=desk_member, name="Authenticator app")
    client.force_login(desk_member)
    response = client.get(f"/admin/inquiries/edit/{inquiry.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/verify/")
    # A password alone cannot enrol another app either.
    setup = client.get("/admin/second-factor/setup/")
    assert setup["Location"].startswith("/admin/second-factor/verify/")
    wrong = client.post(
        "/admin/second-factor/verify/", {"code": "000000", "next": "/admin/inquiries/"}
    )
    assert wrong.status_code == 400 and b"That code is not right" in wrong.content
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wait after a wrong code, over
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(
        "/admin/second-factor/verify/",
        {"code": current_code(device), "next": f"/admin/inquiries/edit/{inquiry.pk}/"},
    )
    assert right.status_code == 302 and right["Location"] == f"/admin/inquiries/edit/{inquiry.pk}/"
    case = client.get(f"/admin/inquiries/edit/{inquiry.pk}/")
    assert case.status_code == 200 and b"dara.sok@example.org" in case.content


def test_export_and_erase_need_a_recent_second_factor(client, desk_member, inquiry):
    device = login_staff(client, desk_member)
    exported = client.post("/admin/inquiry_data_requests/", EXPORT)
    assert exported.status_code == 200 and exported["Content-Type"].startswith("application/json")

    age_second_factor(client, 11 * 60)
    # Still verified for reading the case ...
    assert client.get(f"/admin/inquiries/edit/{inquiry.pk}/").status_code == 200
    # ... but not for taking the data out or destroying it.
    for data in (EXPORT, ERASE):
        response = client.post("/admin/inquiry_data_requests/", data)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/second-factor/verify/")
    inquiry.refresh_from_db()
    assert not inquiry.is_erased

    again = client.post(
        "/admin/second-factor/verify/",
        {"code": current_code(device), "next": "/admin/inquiry_data_requests/"},
    )
    assert again.status_code == 302
    exported = client.post("/admin/inquiry_data_requests/", EXPORT)
    assert exported.status_code == 200 and b"dara.sok@example.org" in exported.content
