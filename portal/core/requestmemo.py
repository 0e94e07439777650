"""What one page view asks the database again and again, answered once per request.

A page links dozens of pages; for each, Wagtail looks up the active and the default Locale
(`Locale.get_active()`, `.localized`) and, for every `.public()` queryset, reads all the view
restrictions. Both change only when an administrator edits them, so within one request the
first answer holds: this module keeps it for the duration of the request (a context variable
that `RequestMemoMiddleware` opens and closes) and forgets it the moment a Locale or a view
restriction is saved or deleted. Outside a request (tasks, commands, tests that call code
directly) nothing is memoized and Wagtail behaves exactly as it does without this module.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_memo: ContextVar[dict | None] = ContextVar("portal_request_memo", default=None)


def memoized(key: Any, compute: Callable[[], Any]) -> Any:
    """compute(), once per request for a key (every call outside a request)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(*_args: Any, **_kwargs: Any) -> None:
    """Drop everything memoized in this request (a signal receiver: Locale or restriction
    saved or deleted)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def install() -> None:
    """Route Wagtail's Locale lookups and view-restriction reads through the memo."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction
    from wagtail.models.i18n import LocaleManager
    from wagtail.query import PageQuerySet

    if getattr(LocaleManager.get_for_language, "_portal_memo", False):
        return
    original_get_for_language = LocaleManager.get_for_language
    original_private_q = PageQuerySet.private_q

    def get_for_language(self, language_code):  # type: ignore[no-untyped-def]
        return memoized(
            ("locale", language_code), lambda: original_get_for_language(self, language_code)
        )

    def private_q(self):  # type: ignore[no-untyped-def]
        # The Q object depends only on the restrictions, not on the queryset it filters.
        return memoized("private_q", lambda: original_private_q(self))

    get_for_language._portal_memo = True
    LocaleManager.get_for_language = get_for_language
    PageQuerySet.private_q = private_q
    for model in (Locale, PageViewRestriction):
        post_save.connect(forget, sender=model, dispatch_uid=f"portal-memo-save-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"portal-memo-del-{model.__name__}")
