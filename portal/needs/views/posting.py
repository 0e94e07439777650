from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.access import login_url, verified_required
from portal.accounts.models import profile_for

from .. import moderation
from ..choices import PostKind, Status
from ..forms import FORM_FOR_KIND
from ..models import Interest, InvalidTransition, NeedsBoardPage, Post
from ..permissions import is_owner
from .common import SEGMENT_KINDS, count_submission, get_post, page_context

# Fields of the anti-spam mixin, which differ on every submission.
ANTISPAM_FIELDS = {"form_started", "website"}


@verified_required
def create_post(request: HttpRequest, page: NeedsBoardPage, segment: str) -> HttpResponse:
    kind = SEGMENT_KINDS[segment]
    profile = profile_for(request.user)
    if kind == PostKind.NEED and not profile.is_organization:
        return TemplateResponse(
            request, "needs/organization_required.html", page_context(page), status=403
        )
    form_class = FORM_FOR_KIND[kind]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limited = count_submission(request, "needs-post", per_ip=10, per_user=10)
        if limited:
            form.add_error(None, limited)
        else:
            with transaction.atomic():
                post = form.save(commit=False)
                post.owner = request.user
                post.save()
                form.save_m2m()
                moderation.submit(post, by=request.user, created=True)
            messages.success(
                request,
                _(
                    "Thank you. Your post is waiting for a moderator, who checks every post "
                    "before it appears on the board. We will write to you when it is published."
                ),
            )
            return redirect(page.url_for_post(post))
    return TemplateResponse(
        request,
        "needs/post_form.html",
        page_context(page, form=form, kind=kind, post=None),
    )


def _owned_post(request: HttpRequest, segment: str, pk: int):
    """The post if the user owns it; 403 for someone else's visible post, else 404."""
    post = get_post(segment, pk)
    if not is_owner(request.user, post):
        if post.is_visible_to(request.user):
            raise PermissionDenied
        raise Http404
    return post


@verified_required
def edit_post(request: HttpRequest, page: NeedsBoardPage, segment: str, pk: int):
    post = _owned_post(request, segment, pk)
    if not post.can_be_edited_by(request.user):
        return TemplateResponse(
            request, "needs/cannot_edit.html", page_context(page, post=post), status=403
        )
    form = FORM_FOR_KIND[post.kind](request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        if not set(form.changed_data) - ANTISPAM_FIELDS:
            messages.info(request, _("Nothing was changed."))
            return redirect(page.url_for_post(post))
        with transaction.atomic():
            post = form.save()
            moderation.submit(post, by=request.user, created=False)
        messages.success(
            request,
            _(
                "Your changes are saved. A moderator checks them before the post appears on "
                "the board again."
            ),
        )
        return redirect(page.url_for_post(post))
    return TemplateResponse(
        request,
        "needs/post_form.html",
        page_context(page, form=form, kind=post.kind, post=post),
    )


@require_POST
def change_status(request: HttpRequest, page: NeedsBoardPage, segment: str, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url())
    post = _owned_post(request, segment, pk)
    new_status = request.POST.get("status", "")
    try:
        if new_status not in post.owner_statuses():
            raise InvalidTransition(new_status)
        post.set_status(new_status, by=request.user)
    except InvalidTransition:
        messages.error(
            request,
            _("The status could not be changed to that. Please choose one of the buttons."),
        )
    else:
        messages.success(
            request,
            _("The status is now “%(status)s”.") % {"status": Status(new_status).label},
        )
    return redirect(page.url_for_post(post))


def my_posts(request: HttpRequest, page: NeedsBoardPage) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url())
    posts = (
        Post.objects.filter(owner=request.user)
        .select_related("need__country", "offer")
        .order_by("-submitted_at")
    )
    interests = (
        Interest.objects.involving(request.user)
        .select_related("post__owner__portal_profile", "sender__portal_profile")
        .order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "needs/my_posts.html",
        page_context(
            page,
            posts=posts,
            received=[i for i in interests if i.post.owner_id == request.user.pk],
            sent=[i for i in interests if i.sender_id == request.user.pk],
            profile=profile_for(request.user),
        ),
    )
