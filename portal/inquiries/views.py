"""The public side of the desk's pages: show the form, accept a submission, confirm it.

A valid submission is stored before anything else happens and the person is redirected to a
confirmation page with the reference (POST, redirect, GET: reloading cannot send it twice).
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from wagtail.models import Site

from portal.core.antispam import check_rate_limits
from portal.core.models import PortalSettings

from . import casework
from .conf import inquiry_settings
from .forms import ContactForm, InquiryForm
from .models import Queue
from .models.pages import DeskFormPage

SESSION_KEY = "inquiries:submitted"

# CSRF protection comes from CsrfViewMiddleware, which covers Wagtail's page serving.


def _privacy_url(request: HttpRequest) -> str | None:
    site = Site.find_for_request(request)
    page = PortalSettings.for_site(site).privacy_page if site else None
    return page.specific.localized.get_url(request) if page else None


def _make_form(page: DeskFormPage, request: HttpRequest, data=None):
    if page.queue == Queue.RESEARCH:
        return InquiryForm(data, privacy_url=_privacy_url(request))
    return ContactForm(data)


def _confirm(page: DeskFormPage, request: HttpRequest, inquiry) -> HttpResponse:
    request.session[f"{SESSION_KEY}:{page.queue}"] = inquiry.reference
    return HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thanks_route"))


def form_view(page: DeskFormPage, request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = _make_form(page, request, request.POST)
        if form.is_valid():
            # Only valid submissions count towards the limits, so that correcting a typo
            # never locks a person out.
            duplicate = casework.recent_duplicate(page.queue, form.cleaned_data)
            if duplicate is not None:
                return _confirm(page, request, duplicate)
            limits = inquiry_settings()
            refused = check_rate_limits(
                request,
                scope=f"inquiries:{page.queue}",
                email=form.cleaned_data["email"],
                per_ip=limits.rate_per_ip,
                per_email=limits.rate_per_email,
                window=limits.rate_window,
            )
            if refused:
                form.add_error(None, refused)
            else:
                return _confirm(page, request, casework.submit(page.queue, form.cleaned_data))
    else:
        form = _make_form(page, request)
    # A refused form is answered with 200, not 400: some proxies replace error pages with
    # their own, which would lose what the person typed.
    response = page.render(request, context_overrides={"form": form})
    add_never_cache_headers(response)  # it carries a CSRF token and the person's input
    return response


def thanks_view(page: DeskFormPage, request: HttpRequest) -> HttpResponse:
    reference = request.session.get(f"{SESSION_KEY}:{page.queue}")
    if not reference:
        return HttpResponseRedirect(page.get_url(request))
    response = page.render(
        request,
        context_overrides={"reference": reference, "is_research": page.queue == Queue.RESEARCH},
        template="inquiries/thanks.html",
    )
    add_never_cache_headers(response)
    return response
