"""Access rules for views that public account holders use."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from .models import is_verified, profile_for


def login_url() -> str:
    return reverse("accounts:login")


def verified_required(view: Callable) -> Callable:
    """Anonymous visitors are sent to log in; accounts whose address is not verified yet get a
    page saying so (403) with a way to send the link again."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url())
        if not is_verified(request.user):
            return TemplateResponse(
                request,
                "accounts/verification_required.html",
                {"profile": profile_for(request.user)},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper
