"""Editions in the admin: composed as snippets (with live preview of the HTML email, the plain
text and the web version), then tested, sent and followed on a progress page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from portal.newsletter import sending
from portal.newsletter.gathering import gather
from portal.newsletter.models import Edition, Subscriber
from portal.newsletter.tasks import enqueue_sending
from portal.newsletter.testsend import send_test_email

URL_NAMESPACE = "newsletter_editions"


def _url(name: str, edition: Edition) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=[edition.pk])


def _require(request: HttpRequest, codename: str) -> None:
    if not request.user.has_perm(f"newsletter.{codename}"):
        raise PermissionDenied


class EditionCreateView(CreateView):
    def save_instance(self):
        edition = super().save_instance()
        added = gather(edition)
        if added:
            messages.info(
                self.request,
                _("%(count)d items were gathered; remove or reorder them below.")
                % {"count": added},
            )
        return edition


class EditionEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        edition = Edition.objects.filter(pk=kwargs.get("pk")).first()
        if edition is not None and not edition.is_draft:
            # What was sent stays as it was sent.
            return redirect(_url("progress", edition))
        return super().dispatch(request, *args, **kwargs)

    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        buttons += [
            HeaderButton(
                _("Gather new items"),
                url=_url("gather", self.object),
                icon_name="download",
                priority=30,
            ),
            HeaderButton(
                _("Send a test to myself"),
                url=_url("test", self.object),
                icon_name="mail",
                priority=31,
            ),
        ]
        if self.request.user.has_perm("newsletter.send_edition"):
            buttons.append(
                HeaderButton(
                    _("Send to subscribers…"),
                    url=_url("send", self.object),
                    icon_name="mail",
                    priority=32,
                )
            )
        return sorted(buttons)


def _confirm_page(request: HttpRequest, edition: Edition, **texts) -> HttpResponse:
    """The page that asks before an action (title, question, button[, languages])."""
    return TemplateResponse(request, "newsletter/admin/confirm.html", {"edition": edition, **texts})


def gather_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change_edition")
    edition = get_object_or_404(Edition, pk=pk)
    if request.method == "POST":
        added = gather(edition)
        messages.success(request, _("%(count)d new items were added.") % {"count": added})
        return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[edition.pk]))
    return _confirm_page(
        request,
        edition,
        title=_("Gather new items"),
        question=_(
            "Add the updates, events and resources published since the last gathering "
            "that this edition does not have yet? Items you removed are not added again. "
            "Save your changes in the editor first."
        ),
        button=_("Gather"),
    )


def test_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change_edition")
    edition = get_object_or_404(Edition, pk=pk)
    if request.method == "POST":
        if not request.user.email:
            messages.error(
                request, _("Your account has no email address. Add one in your account settings.")
            )
        else:
            language = request.POST.get("language") or None
            send_test_email(edition, request.user.email, language)
            messages.success(
                request,
                _("A test email is on its way to %(email)s.") % {"email": request.user.email},
            )
        return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[edition.pk]))
    return _confirm_page(
        request,
        edition,
        title=_("Send a test to myself"),
        question=_("Send this edition, with every item, to %(email)s?")
        % {"email": request.user.email or _("(no address: set one in your account)")},
        button=_("Send the test"),
        languages=True,
    )


def send_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "send_edition")
    edition = get_object_or_404(Edition, pk=pk)
    if not edition.is_draft:
        return redirect(_url("progress", edition))
    if request.method == "POST":
        count = sending.start_sending(edition, request.user)
        enqueue_sending(edition.pk)
        messages.success(
            request, _("Sending to %(count)d subscribers has started.") % {"count": count}
        )
        return redirect(_url("progress", edition))
    return _confirm_page(
        request,
        edition,
        title=_("Send to subscribers"),
        question=_(
            "Send edition %(number)d, “%(subject)s”, with %(items)d items to %(count)d "
            "subscribers now? This cannot be undone; the edition can no longer be changed."
        )
        % {
            "number": edition.number,
            "subject": edition.subject,
            "items": edition.items.count(),
            "count": Subscriber.objects.receiving().count(),
        },
        button=_("Send now"),
    )


def progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "view_edition")
    edition = get_object_or_404(Edition, pk=pk)
    progress = edition.progress()
    if request.GET.get("format") == "json":
        return JsonResponse({"status": edition.status, **progress})
    done = progress["total"] - progress["remaining"]
    return TemplateResponse(
        request,
        "newsletter/admin/progress.html",
        {
            "edition": edition,
            "progress": progress,
            "percent": round(100 * done / progress["total"]) if progress["total"] else 100,
            "refresh": edition.status == Edition.Status.SENDING,
            "can_send": request.user.has_perm("newsletter.send_edition"),
            "web_url": _web_url(edition),
        },
    )


def _web_url(edition: Edition) -> str | None:
    from portal.newsletter.rendering import web_url

    return web_url(edition, "en") if not edition.is_draft else None


@require_POST
def resume_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the uncertain ones again (staff accept a possible second copy), and queue a run."""
    _require(request, "send_edition")
    edition = get_object_or_404(Edition, pk=pk)
    if request.POST.get("uncertain"):
        count = sending.resend_uncertain(edition)
        messages.success(
            request, _("%(count)d interrupted deliveries will be sent again.") % {"count": count}
        )
    enqueue_sending(edition.pk)
    return redirect(_url("progress", edition))


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "mail"
    menu_label = gettext_lazy("Editions")
    url_namespace = URL_NAMESPACE
    url_prefix = "newsletter/editions"
    add_view_class = EditionCreateView
    edit_view_class = EditionEditView
    copy_view_enabled = False
    list_display = ["__str__", "status", "send_requested_at", "sent_at"]
    list_filter = ["status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("gather/<int:pk>/", gather_view, name="gather"),
            path("test/<int:pk>/", test_view, name="test"),
            path("send/<int:pk>/", send_view, name="send"),
            path("progress/<int:pk>/", progress_view, name="progress"),
            path("resume/<int:pk>/", resume_view, name="resume"),
        ]
