"""Admin: which pages lack a translation, or have an outdated, incomplete, machine-made or
unreviewed one; and marking a translation as reviewed."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page

from .models import TranslationReview
from .status import STATUS_LABELS, translation_states

STATES_PER_PAGE = 50


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Every published page in the default language, in every other language, with what its
    translation needs. Filters: language, status (default: everything that needs work)."""

    template_name = "languages/admin/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "site"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        languages = [
            (code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        ]
        language = self.request.GET.get("language", "")
        status = self.request.GET.get("status", "needs_work")
        codes = [language] if language in dict(languages) else [code for code, _name in languages]
        sources = (
            Page.objects.filter(locale=Locale.get_default(), depth__gt=1)
            .live()
            .order_by("path")
            .only(
                "id",
                "title",
                "translation_key",
                "locale_id",
                "last_published_at",
                "path",
                "depth",
                "url_path",
            )
        )
        states = translation_states(sources, codes)
        if status == "needs_work":
            states = [state for state in states if state.status != "reviewed"]
        elif status in STATUS_LABELS:
            states = [state for state in states if status in state.flags]
        counts = {key: 0 for key in STATUS_LABELS}
        for state in translation_states(sources, codes):
            counts[state.status] += 1
        paginator = Paginator(states, STATES_PER_PAGE)
        context.update(
            {
                "languages": languages,
                "selected_language": language,
                "selected_status": status,
                "statuses": [(key, label, counts[key]) for key, label in STATUS_LABELS.items()],
                "page_obj": paginator.get_page(self.request.GET.get("p")),
            }
        )
        return context


@require_POST
def mark_reviewed(request: HttpRequest, page_id: int) -> HttpResponse:
    """A person who may publish the translated page vouches for its live text."""
    page = get_object_or_404(Page, pk=page_id).specific
    if page.locale_id == Locale.get_default().pk:
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    if page.live_revision is None:
        messages.error(request, _("Only a published translation can be marked as reviewed."))
    else:
        TranslationReview.objects.get_or_create(
            page=page, revision=page.live_revision, defaults={"reviewed_by": request.user}
        )
        messages.success(
            request,
            _("“%(title)s” is marked as reviewed.") % {"title": page.get_admin_display_title()},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or "languages:translation_status")
