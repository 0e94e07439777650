from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from portal.accounts.models import profile_for

from .. import matching
from ..choices import SEEKING_STATUSES, PostKind, Status
from ..forms import BoardFilterForm
from ..models import Interest, NeedsBoardPage, Post
from ..permissions import is_moderator, is_owner
from ..stats import campaign_counts
from .common import page_context, visible_post_or_404

POSTS_PER_PAGE = 20


def filtered_posts(filters: dict):
    posts = Post.objects.on_board()
    status = filters.get("status")
    posts = posts.filter(status=status) if status else posts.filter(status__in=SEEKING_STATUSES)
    kind = filters.get("kind")
    if filters.get("urgency"):
        kind = PostKind.NEED  # only needs have an urgency
        posts = posts.filter(need__urgency=filters["urgency"])
    if kind:
        posts = posts.filter(kind=kind)
    if filters.get("category"):
        posts = posts.filter(category=filters["category"])
    if filters.get("country"):
        iso2 = filters["country"].upper()
        posts = posts.filter(Q(need__country__iso2=iso2) | Q(offer__countries__iso2=iso2))
    if filters.get("q"):
        words = filters["q"]
        posts = posts.filter(Q(title__icontains=words) | Q(description__icontains=words))
    return (
        posts.distinct()
        .select_related("need__country", "offer", "owner__portal_profile")
        .prefetch_related("offer__countries")
        .order_by("-first_published_at", "-pk")
    )


def board(request: HttpRequest, page: NeedsBoardPage) -> HttpResponse:
    form = BoardFilterForm(request.GET)
    filters = form.filters()
    paginator = Paginator(filtered_posts(filters), POSTS_PER_PAGE)
    posts = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "needs/needs_board_page.html",
        page_context(
            page,
            form=form,
            filters=filters,
            posts=posts,
            counts=campaign_counts(),
            profile=profile_for(request.user),
        ),
    )


def post_detail(request: HttpRequest, page: NeedsBoardPage, segment: str, pk: int):
    post = visible_post_or_404(request, segment, pk)
    user = request.user
    owner = is_owner(user, post)
    context = page_context(
        page,
        post=post,
        is_owner=owner,
        is_moderator=is_moderator(user),
        review_url=reverse(f"needs_{post.kind}:review", args=[post.pk])
        if is_moderator(user)
        else None,
        matches=matching.matches_for(post) if post.is_seeking else [],
        status_choices=[(value, Status(value).label) for value in post.owner_statuses()]
        if owner
        else [],
        can_edit=post.can_be_edited_by(user),
        profile=profile_for(post.owner),
    )
    if owner:
        context["interests"] = Interest.objects.filter(post=post).select_related(
            "sender__portal_profile"
        )
    elif user.is_authenticated:
        context["my_interest"] = Interest.objects.filter(post=post, sender=user).first()
    response = TemplateResponse(request, "needs/post_detail.html", context)
    if not post.is_public:
        response["X-Robots-Tag"] = "noindex"
    return response
