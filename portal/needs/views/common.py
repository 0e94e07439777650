from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from portal.core.antispam import check_rate_limits

from ..choices import PostKind
from ..models import Need, NeedsBoardPage, Offer

SEGMENT_KINDS = {"needs": PostKind.NEED, "offers": PostKind.OFFER}


def get_post(segment: str, pk: int) -> Need | Offer:
    """The post at /needs/<pk>/ or /offers/<pk>/ (a need's number under /offers/ is a 404)."""
    if segment == "needs":
        queryset = Need.objects.select_related("country")
    elif segment == "offers":
        queryset = Offer.objects.prefetch_related("countries")
    else:
        raise Http404
    return get_object_or_404(queryset.select_related("owner__portal_profile"), pk=pk)


def visible_post_or_404(request: HttpRequest, segment: str, pk: int) -> Need | Offer:
    post = get_post(segment, pk)
    if not post.is_visible_to(request.user):
        raise Http404
    return post


def count_submission(request: HttpRequest, scope: str, per_ip: int, per_user: int) -> str | None:
    """Rate limit for logged-in people's submissions (per address and per account, per day);
    returns the message to show when it is exceeded."""
    return check_rate_limits(
        request,
        scope=scope,
        email=request.user.email,
        per_ip=per_ip,
        per_email=per_user,
        window=24 * 3600,
    )


def page_context(page: NeedsBoardPage, **context) -> dict:
    """Context of every board view: `page` keeps the site frame (navigation, languages)."""
    return {"page": page, "self": page, **context}
