"""Throttled sign-in (django-axes): lockouts per account and per address on the admin and the
public login, the same answer for unknown accounts, lifting in the admin, shared counters."""

import logging
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from portal.accounts.models import Profile
from portal.core.ratelimit import RateLimit
from portal.mailer.models import OutgoingEmail
from portal.security.apps import create_cache_table
from portal.testing.security import login_staff

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

PASSWORD = "Right-password-2026"
LOCKED = "signing in is paused"


@pytest.fixture
def staff():
    user = User.objects.create_user("desk", email="desk@example.org", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


@pytest.fixture
def public_account():
    user = User.objects.create_user(
        "person@example.org", email="person@example.org", password=PASSWORD
    )
    Profile.objects.create(user=user, public_name="Person", kind="individual", language="en")
    return user


def admin_login(client, username: str, password: str, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def fail(client, username: str, times: int = 10, **extra) -> None:
    """`times` wrong passwords; the one that reaches the limit is answered with the lockout."""
    for _ in range(times):
        response = admin_login(client, username, "wrong-password", **extra)
        assert response.status_code in (200, 429)


def test_after_ten_failures_even_the_right_password_is_refused_until_the_window_passes(
    client, staff
):
    fail(client, "desk")
    response = admin_login(client, "desk", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "Please try again after" in page and "UTC" in page
    assert int(response["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in client.session
    # The window passes (the attempts are 16 minutes old): the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = admin_login(client, "desk", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_nine_failures_do_not_lock_and_a_success_starts_the_count_again(client, staff):
    fail(client, "desk", times=9)
    assert admin_login(client, "desk", PASSWORD).status_code == 302
    client.logout()
    fail(client, "desk", times=9)
    assert admin_login(client, "desk", PASSWORD).status_code == 302


def test_lifting_the_lockout_lets_the_person_in_at_once(client, staff):
    fail(client, "desk")
    assert admin_login(client, "desk", PASSWORD).status_code == 429
    assert reset(username="desk") >= 1
    assert admin_login(client, "desk", PASSWORD).status_code == 302


def test_the_window_comes_from_the_settings(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=2)
    fail(client, "desk", times=3)
    response = admin_login(client, "desk", PASSWORD)
    assert response.status_code == 429 and "paused for 2 minutes" in response.content.decode()


def test_unknown_accounts_get_the_same_answer(client, staff):
    fail(client, "desk")
    known = admin_login(client, "desk", PASSWORD)
    reset(ip="127.0.0.1")
    fail(client, "nobody")
    unknown = admin_login(client, "nobody", "anything")
    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content


def test_one_address_trying_many_accounts_is_locked_out_but_others_are_not(client, staff):
    for number in range(10):
        admin_login(client, f"guess-{number}", "wrong")
    assert admin_login(client, "desk", PASSWORD).status_code == 429
    # Someone else, from another address, signs in to their own account.
    assert admin_login(client, "desk", PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_the_real_client_address_counts_behind_a_trusted_proxy(client, staff, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    for number in range(10):
        admin_login(client, f"guess-{number}", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.4"}
    locked = admin_login(client, "desk", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert locked.status_code == 429
    # Another reader behind the same proxy is not locked out.
    other = admin_login(client, "desk", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other.status_code == 302


def test_the_public_login_and_the_admin_login_share_the_count(client, public_account):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "Person@Example.org", "password": "x"})
    fail(client, "person@example.org", times=5)
    response = client.post(
        "/accounts/login/", {"username": "person@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429 and LOCKED in response.content.decode()


def test_public_accounts_cannot_sign_in_to_the_admin_and_it_counts_as_a_failure(
    client, public_account
):
    wrong = admin_login(client, "person@example.org", "wrong-password")
    right = admin_login(client, "person@example.org", PASSWORD)
    assert right.status_code == wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"didn&#x27;t match" in right.content  # the same message as a wrong password
    attempt = AccessAttempt.objects.get(username="person@example.org")
    assert attempt.failures_since_start == 2


def test_every_lockout_is_logged_without_the_account_in_clear(client, staff, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        fail(client, "desk")
    records = [r for r in caplog.records if r.name == "portal.security"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "Sign-in locked out" in message and "/admin/login/" in message
    assert "desk" not in message.replace("/admin/", "")
    assert "127.0.0.0" in message


def test_staff_see_and_lift_lockouts_in_the_admin(client, staff):
    fail(client, "desk")
    admin = User.objects.create_superuser("boss", "boss@example.org", "boss-pass-1")
    login_staff(client, admin)
    listing = client.get("/admin/security/lockouts/")
    assert listing.status_code == 200
    assert b"desk" in listing.content
    attempt = AccessAttempt.objects.get(username="desk")
    lift = client.post(f"/admin/security/lockouts/delete/{attempt.pk}/")
    assert lift.status_code == 302
    client.logout()
    # The address's own count was lifted in the same row (one row per account and address).
    assert admin_login(client, "desk", PASSWORD).status_code == 302


def test_editors_cannot_see_lockouts(client, staff):
    client.force_login(staff)
    assert client.get("/admin/security/lockouts/").status_code in (302, 403)


def test_registration_of_a_known_address_does_the_same_work(client, public_account):
    """Both answers hash the password and queue one email: their times do not tell whether
    the address is registered (the timings are measured in bench/signin_timing.py)."""
    from portal.accounts.tests.test_accounts import registration

    hasher = get_hasher()
    hashed = []
    original = type(hasher).encode

    def counting(self, *args, **kwargs):
        hashed.append(1)
        return original(self, *args, **kwargs)

    for email in ("person@example.org", "new@example.org"):
        hashed.clear()
        OutgoingEmail.objects.all().delete()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(type(hasher), "encode", counting)
            response = client.post("/accounts/register/", registration(email=email))
        assert response.status_code == 302, email
        assert len(hashed) == 1, email
        assert OutgoingEmail.objects.count() == 1, email


def test_password_reset_queues_one_email_for_any_address(client, public_account):
    from portal.accounts.tests.test_accounts import started

    for email in ("person@example.org", "nobody@example.org"):
        OutgoingEmail.objects.all().delete()
        response = client.post(
            "/accounts/password/reset/", {"email": email, "form_started": started()}
        )
        assert response.status_code == 302
        assert OutgoingEmail.objects.filter(to=[email]).count() == 1


DB_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                        "LOCATION": "portal_cache"}}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_rate_limits_are_shared_by_workers_through_the_database_cache():
    with override_settings(CACHES=DB_CACHE):
        create_cache_table(using="default")  # what `migrate` runs (post_migrate)
        assert "portal_cache" in connection.introspection.table_names()
        limit = RateLimit("shared-test", limit=3, window=600)
        assert all(limit.hit("198.51.100.1") for _ in range(3))
        # A second worker: its own cache object, the same table.
        other_worker = DatabaseCache("portal_cache", {})
        assert other_worker.get(limit._cache_key("198.51.100.1")) == 3
        assert not limit.hit("198.51.100.1")
        caches["default"].clear()


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "django.core.cache.backends.db.DatabaseCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_production_never_counts_in_per_process_memory(redis_url, backend):
    env = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
        "REDIS_URL": redis_url,
        "PATH": "/usr/bin:/bin",
    }
    code = "import portal.settings.production as s; print(s.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == backend


def test_rate_limit_refusals_are_logged_without_the_address(client, caplog):
    """The same check (core.antispam) guards registration, reset and the needs board relay."""
    from portal.accounts.tests.test_accounts import started

    with caplog.at_level(logging.WARNING, logger="portal.security"):
        for _ in range(6):
            client.post(
                "/accounts/password/reset/",
                {"email": "someone@example.org", "form_started": started()},
            )
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    assert any("Rate limit reached: accounts-password-reset:email" in m for m in messages)
    assert not any("someone@example.org" in m for m in messages)
