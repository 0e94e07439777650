from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.accounts.access import login_url, verified_required
from portal.accounts.models import profile_for

from .. import connections
from ..forms import InterestForm
from ..models import Interest, NeedsBoardPage
from ..permissions import is_owner
from .common import count_submission, page_context, visible_post_or_404


@verified_required
def express_interest(request: HttpRequest, page: NeedsBoardPage, segment: str, pk: int):
    post = visible_post_or_404(request, segment, pk)
    if is_owner(request.user, post):
        messages.info(request, _("This is your own post."))
        return redirect(page.url_for_post(post))
    existing = Interest.objects.filter(post=post, sender=request.user).first()
    if existing is not None:
        messages.info(request, _("You have already written about this post."))
        return redirect(page.url_for("connection", existing.pk))
    if not post.is_seeking:
        return TemplateResponse(
            request, "needs/not_seeking.html", page_context(page, post=post), status=410
        )
    form = InterestForm(request.POST or None, post=post, sender=request.user)
    if request.method == "POST" and form.is_valid():
        limited = count_submission(request, "needs-interest", per_ip=20, per_user=10)
        if limited:
            form.add_error(None, limited)
        else:
            try:
                interest = connections.express_interest(
                    post=post,
                    sender=request.user,
                    message=form.cleaned_data["message"],
                    sender_post=form.cleaned_data.get("sender_post"),
                    consent=form.cleaned_data["consent"],
                )
            except connections.AlreadySent:
                messages.info(request, _("You have already written about this post."))
                return redirect(page.url_for("my_posts"))
            messages.success(
                request,
                _(
                    "Your message was sent. Neither address has been shared; they are "
                    "exchanged only when you both agree to connect."
                ),
            )
            return redirect(page.url_for("connection", interest.pk))
    return TemplateResponse(
        request,
        "needs/interest_form.html",
        page_context(page, post=post, form=form, profile=profile_for(post.owner)),
    )


def connection(request: HttpRequest, page: NeedsBoardPage, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url())
    interest = get_object_or_404(
        Interest.objects.select_related(
            "post__owner__portal_profile", "sender__portal_profile", "sender_post"
        ),
        pk=pk,
    )
    if not interest.is_party(request.user):
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "consent":
            if connections.consent(interest, request.user):
                messages.success(
                    request,
                    _("You are connected: we sent each of you the other's contact details."),
                )
            else:
                messages.success(
                    request,
                    _("Noted. We will share contact details as soon as they agree too."),
                )
        elif action == "decline":
            connections.decline(interest, request.user)
            messages.info(request, _("You declined. No contact details were shared."))
        else:
            messages.error(request, _("Please choose one of the buttons."))
        return redirect(page.url_for("connection", interest.pk))
    user = request.user
    other = interest.other_party(user)
    return TemplateResponse(
        request,
        "needs/connection.html",
        page_context(
            page,
            interest=interest,
            post=interest.post.specific,
            is_recipient=user.pk == interest.post.owner_id,
            other_profile=profile_for(other),
            other_email=other.email if interest.connected_at else None,
            has_consented=interest.has_consented(user),
        ),
    )
