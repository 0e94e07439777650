"""Only the "Inquiry desk" group may see inquiries. Everyone else who reaches these admin URLs
gets a plain 403 (Wagtail's own handling would redirect to the dashboard instead)."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.permissions import policy_registry

from ..models import Inquiry

DESK_ACTIONS = ["view", "change", "delete"]


def is_desk_member(user) -> bool:
    return policy_registry.get_by_type(Inquiry).user_has_any_permission(user, DESK_ACTIONS)


def desk_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_desk_member(request.user):
            return TemplateResponse(request, "inquiries/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
