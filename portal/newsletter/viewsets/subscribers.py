"""Subscribers and bounces in the admin: only for the Newsletter group (personal data)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import CreateView, DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from portal.newsletter.bounces import UnknownAddress, record_bounce
from portal.newsletter.models import Bounce, Subscriber
from portal.newsletter.models.subscribers import normalize_email
from portal.newsletter.subscriptions import erase
from portal.security.reverify import RecentSecondFactorRequiredMixin


class SubscriberIndexView(RecentSecondFactorRequiredMixin, IndexView):
    """The listing; its CSV/XLSX export takes everyone's address out, so it needs a recent
    second factor."""

    def needs_recent_second_factor(self, request) -> bool:
        return bool(request.GET.get("export"))


class EraseView(RecentSecondFactorRequiredMixin, DeleteView):
    """ "Erase" instead of delete: removes every trace of the person (see subscriptions.erase)
    and leaves no log entry naming them."""

    page_title = _("Erase")
    success_message = _("Everything about this subscriber was erased.")

    def confirmation_message(self):
        return _(
            "Erase %(email)s? The subscription, its history, bounces and the emails sent to this "
            "address are deleted for good. Do this when the person asks to be forgotten."
        ) % {"email": self.object.email}

    def get_success_message(self):
        return str(self.success_message)

    def delete_action(self):
        erase(self.object)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscribers"
    url_prefix = "newsletter/subscribers"
    icon = "user"
    menu_label = _("Subscribers")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SubscriberIndexView
    delete_view_class = EraseView
    list_display = ["email", "name", "language", "status", "confirmed_at", "bounce_count"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name"]
    list_per_page = 50
    list_export = [
        "email",
        "name",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounce_count",
        "failing_since",
        "interest_countries",
        "interest_topics",
    ]
    export_filename = "newsletter-subscribers"
    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("name"),
        FieldPanel("language"),
        FieldPanel("status"),
        FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("failing_since"),
        FieldPanel("bounce_count"),
    ]

    def get_queryset(self, request):
        return Subscriber.objects.prefetch_related("countries", "topics")


class BounceForm(WagtailAdminModelForm):
    email = forms.EmailField(label=_("Subscriber's email address"))

    class Meta:
        model = Bounce
        fields = ["kind", "note"]

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if not Subscriber.objects.filter(email=email).exists():
            raise forms.ValidationError(_("No subscriber has this address."))
        return email


class RecordBounceView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        try:
            return record_bounce(
                data["email"], kind=data["kind"], note=data["note"], recorded_by=self.request.user
            )
        except UnknownAddress:  # erased between validation and saving
            raise forms.ValidationError(_("No subscriber has this address.")) from None


class BounceViewSet(ModelViewSet):
    model = Bounce
    name = "newsletter_bounces"
    url_prefix = "newsletter/bounces"
    icon = "warning"
    menu_label = _("Bounces")
    add_to_admin_menu = False
    copy_view_enabled = False
    add_view_class = RecordBounceView
    form_fields = ["kind", "note"]
    list_display = ["subscriber", "kind", "recorded_at", "recorded_by"]
    list_filter = ["kind"]
    search_fields = ["subscriber__email"]

    def get_form_class(self, for_update=False):
        return BounceForm

    def get_queryset(self, request):
        return Bounce.objects.select_related("subscriber", "recorded_by")
