from django.http import HttpRequest
from django.utils import timezone

from portal.core.conf import core_settings


def portal(request: HttpRequest) -> dict:
    """Values every public template needs: the portal's name and the current year."""
    return {
        "PORTAL_NAME": core_settings().display_name,
        "CURRENT_YEAR": timezone.now().year,
    }
