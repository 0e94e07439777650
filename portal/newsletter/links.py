"""Absolute addresses for emails, built from settings (the worker has no request)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def url_language(language: str) -> str:
    """The language whose URL prefix to use. Django routes /xx/ only for languages it has
    message files for; without them, the default language's addresses are used."""
    if language in dict(settings.LANGUAGES) and translation.check_for_language(language):
        return language
    return settings.LANGUAGE_CODE


def absolute_reverse(name: str, language: str, **kwargs) -> str:
    with translation.override(url_language(language)):
        return absolute(reverse(name, kwargs=kwargs))
