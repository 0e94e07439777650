from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def portal(request: HttpRequest) -> dict:
    """Values every public template needs: the portal's name and the current year."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "CURRENT_YEAR": timezone.now().year,
    }
