"""Public views of the newsletter: sign-up, confirmation, preferences, unsubscribing.

Links in emails carry signed tokens (tokens.py); a page reached by a token shows only that
subscriber's data. Responses never tell whether an address was already on the list.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.core.antispam import check_rate_limits

from . import subscriptions
from .forms import PreferencesForm, SignupForm
from .models import NewsletterPage, Subscriber
from .tokens import ExpiredLink, InvalidLink, read_confirm_token, read_manage_token

ONE_CLICK_BODY = "List-Unsubscribe=One-Click"


def _newsletter_page() -> NewsletterPage | None:
    return NewsletterPage.for_reader(get_language())


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """The full sign-up form. The footer's GET form lands here with the address filled in."""
    status = 200
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            limited = check_rate_limits(
                request,
                scope="newsletter-signup",
                email=form.cleaned_data["email"],
                per_ip=10,
                per_email=3,
            )
            if limited:
                form.add_error(None, limited)
                status = 429
            else:
                subscriptions.sign_up(
                    form.cleaned_data["email"], subscriptions.choices_from_form(form.cleaned_data)
                )
                return HttpResponseRedirect(reverse("newsletter:check_email"))
    else:
        form = SignupForm(
            initial={"email": request.GET.get("email", "")[:254], "language": get_language()}
        )
    return render(
        request,
        "newsletter/signup.html",
        {"form": form, "newsletter_page": _newsletter_page()},
        status=status,
    )


def check_email(request: HttpRequest) -> HttpResponse:
    """The same answer for every sign-up, whether or not the address was known."""
    return render(request, "newsletter/check_email.html", {"newsletter_page": _newsletter_page()})


def _link_problem(request: HttpRequest, expired: bool) -> HttpResponse:
    return render(
        request,
        "newsletter/link_problem.html",
        {"expired": expired, "newsletter_page": _newsletter_page()},
        status=410 if expired else 400,
    )


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber, choices = read_confirm_token(token)
    except ExpiredLink:
        return _link_problem(request, expired=True)
    except InvalidLink:
        return _link_problem(request, expired=False)
    subscriptions.confirm(subscriber, choices)
    return render(
        request,
        "newsletter/confirmed.html",
        {
            "subscriber": subscriber,
            "preferences_url": subscriptions.manage_links(subscriber)["preferences_url"],
            "newsletter_page": _newsletter_page(),
        },
    )


@csrf_exempt  # the signed token is the credential; mail clients POST here without cookies
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (link scanners fetch links in emails and must not unsubscribe anyone); POST
    unsubscribes: the page's one button, or a mail client's RFC 8058 one-click request."""
    try:
        subscriber = read_manage_token(token)
    except InvalidLink:
        return _link_problem(request, expired=False)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
    return render(
        request,
        "newsletter/unsubscribe.html",
        {
            "subscriber": subscriber,
            "done": subscriber.status == Subscriber.Status.UNSUBSCRIBED,
            "preferences_url": reverse("newsletter:preferences", kwargs={"token": token}),
            "newsletter_page": _newsletter_page(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = read_manage_token(token)
    except InvalidLink:
        return _link_problem(request, expired=False)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, instance=subscriber)
        if form.is_valid():
            form.save()
            if (
                request.POST.get("resubscribe")
                and subscriber.status != Subscriber.Status.SUBSCRIBED
            ):
                # The token proves the mailbox is theirs: no second confirmation is needed.
                subscriptions.confirm(
                    subscriber, subscriptions.choices_from_form(form.cleaned_data)
                )
            saved = True
            form = PreferencesForm(instance=subscriber)
    else:
        form = PreferencesForm(instance=subscriber)
    return render(
        request,
        "newsletter/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "saved": saved,
            "unsubscribe_url": reverse("newsletter:unsubscribe", kwargs={"token": token}),
            "newsletter_page": _newsletter_page(),
        },
    )
