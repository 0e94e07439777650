from axes.models import AccessAttempt
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import passkeys, views
from .documents import check_document_access
from .viewsets import LockoutPermissionPolicy, lockouts

register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))


@hooks.register("register_admin_urls")
def register_second_factor_urls() -> list:
    return [
        path("second-factor/", views.OverviewView.as_view(), name="security_overview"),
        path("second-factor/verify/", views.VerifyView.as_view(), name="security_verify"),
        path("second-factor/setup/", views.SetupView.as_view(), name="security_setup"),
        path(
            "second-factor/recovery-codes/",
            views.RecoveryCodesView.as_view(),
            name="security_recovery_codes",
        ),
        path(
            "second-factor/passkeys/",
            include((passkeys.urlpatterns, "otp_webauthn"), namespace="otp_webauthn"),
        ),
    ]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request) -> dict:
    return {
        "url": reverse("security_overview"),
        "label": _("Two-step verification"),
        "help_text": _(
            "An authenticator app or a passkey, and recovery codes, asked for after your password."
        ),
    }


@hooks.register("register_admin_viewset")
def register_lockouts():
    return lockouts


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    check_document_access(document, request)
