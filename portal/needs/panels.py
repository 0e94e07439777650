"""HTML fragments the board contributes to other apps' pages through hooks: the admin
dashboard, a country's page and the account page."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from wagtail.admin.ui.components import Component

from portal.accounts.models import is_verified

from .models import Interest, Need, NeedsBoardPage, Offer, Post
from .permissions import is_moderator


class AwaitingReviewPanel(Component):
    """On the admin dashboard of moderators: how many posts wait for review."""

    name = "needs_awaiting_review"
    order = 90
    template_name = "needs/admin/awaiting_review_panel.html"

    def get_context_data(self, parent_context=None) -> dict:
        return {
            "needs": Need.objects.awaiting_review().count(),
            "offers": Offer.objects.awaiting_review().count(),
            "needs_url": reverse("needs_need:index") + "?moderation_status=pending",
            "offers_url": reverse("needs_offer:index") + "?moderation_status=pending",
        }


def add_awaiting_review_panel(request, panels: list) -> None:
    if is_moderator(request.user):
        panels.insert(0, AwaitingReviewPanel())


def country_panel(country, request) -> SafeString | None:
    """On a country's page: what is needed and offered there now, linked to the board."""
    board = NeedsBoardPage.for_language()
    if board is None:
        return None
    needs = Need.objects.seeking().filter(country=country).count()
    offers = Offer.objects.seeking().filter(countries=country).count()
    return render_to_string(
        "needs/includes/country_panel.html",
        {
            "country": country,
            "needs": needs,
            "offers": offers,
            "board_url": board.url,
            "filter_url": f"{board.url}?country={country.slug}",
        },
        request=request,
    )


def account_panel(request) -> SafeString | None:
    """On the account page: the holder's posts and conversations."""
    board = NeedsBoardPage.for_language()
    if board is None:
        return None
    user = request.user
    return render_to_string(
        "needs/includes/account_panel.html",
        {
            "posts": Post.objects.filter(owner=user).count(),
            "waiting": Interest.objects.filter(
                post__owner=user, connected_at__isnull=True, declined_at__isnull=True
            ).count(),
            "can_post": is_verified(user),
            "my_posts_url": board.url_for("my_posts"),
            "new_need_url": board.url_for("new", "needs"),
            "new_offer_url": board.url_for("new", "offers"),
        },
        request=request,
    )
