"""Re-verification before personal data leaves the portal (export) or is destroyed (erase)."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from .second_factor import verified_recently


class RecentSecondFactorRequiredMixin:
    """For admin views that export or erase a person's data: the session must have passed its
    second factor within PORTAL_SECOND_FACTOR_RECENT_SECONDS, else the person types a code
    again and comes back to this page (a GET of the same address, so nothing is done twice)."""

    def needs_recent_second_factor(self, request: HttpRequest) -> bool:
        return True

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.needs_recent_second_factor(request) and not verified_recently(request):
            messages.warning(
                request,
                _(
                    "Exporting or erasing a person's data needs a fresh code: confirm it is you, "
                    "then do it again."
                ),
            )
            # Back to the same address by GET, and to a listing rather than into a download.
            params = request.GET.copy()
            params.pop("export", None)
            back = f"{request.path}?{params.urlencode()}" if params else request.path
            return HttpResponseRedirect(f"{reverse('security_verify')}?{urlencode({'next': back})}")
        return super().dispatch(request, *args, **kwargs)
