"""Profiles due for review, and the "Mark reviewed" action: an editor vouches that the
profile's facts were checked today. It is recorded in Wagtail's history of the page."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from portal.core.conf import core_settings

from .models import CountryProfilePage

REVIEWED_ACTION = "countries.profile_reviewed"


def review_cutoff(today: date | None = None) -> date:
    """Profiles last reviewed before this day are due (PORTAL_REVIEW_AFTER_MONTHS)."""
    today = today or timezone.localdate()
    return today - timedelta(days=round(core_settings().review_after_months * 365.25 / 12))


def profiles_due_for_review(today: date | None = None):
    return CountryProfilePage.objects.filter(last_reviewed__lt=review_cutoff(today)).order_by(
        "last_reviewed", "title"
    )


@transaction.atomic
def mark_reviewed(page: CountryProfilePage, user) -> None:
    """Set the review dates on the page, its draft and its live revision, so that publishing
    either later keeps them, and log who reviewed it."""
    today = timezone.localdate()
    page.last_reviewed = today
    if page.next_review_due is None or page.next_review_due <= today:
        page.next_review_due = today + timedelta(days=365)
    fields = {
        "last_reviewed": page.last_reviewed.isoformat(),
        "next_review_due": page.next_review_due.isoformat(),
    }
    CountryProfilePage.objects.filter(pk=page.pk).update(
        last_reviewed=page.last_reviewed, next_review_due=page.next_review_due
    )
    for revision in {r for r in (page.latest_revision, page.live_revision) if r is not None}:
        revision.content.update(fields)
        revision.save(update_fields=["content"])
    log(instance=page, action=REVIEWED_ACTION, user=user, data=fields)


@require_POST
def mark_reviewed_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(CountryProfilePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_reviewed(page, request.user)
    messages.success(request, _("“%(title)s” is marked as reviewed today.") % {"title": page.title})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or "wagtailadmin_pages:edit", *([] if next_url else [page.pk]))
