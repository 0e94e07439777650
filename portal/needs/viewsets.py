"""The moderators' side, in the Wagtail admin: lists of needs and offers (awaiting review
first), a review page to approve, ask for changes or reject with a reason, and editing to
correct a post (e.g. to remove a detail that should not be public)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from . import moderation
from .models import Need, Offer


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (moderation.Decision.APPROVE, _("Approve: publish it on the board")),
            (moderation.Decision.REQUEST_CHANGES, _("Ask the poster for changes")),
            (moderation.Decision.REJECT, _("Reject it")),
        ],
    )
    note = forms.CharField(
        label=_("Message to the poster"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Sent by email. Required when you ask for changes (say what to change) or reject "
            "(give the reason)."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if (
            decision
            and decision != moderation.Decision.APPROVE
            and not cleaned.get("note", "").strip()
        ):
            self.add_error(
                "note",
                gettext(
                    "Please tell the poster why, or what to change: they receive this message."
                ),
            )
        return cleaned


class ReviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = "change"
    template_name = "needs/admin/review.html"
    form_class = ModerationForm
    model = None
    index_url_name = None
    edit_url_name = None
    header_icon = "tasks"
    _show_breadcrumbs = True

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])

    def get(self, request, *args, **kwargs):
        # The review shows the post's private details: the audit trail records who looked
        # (action registered by portal.operations).
        log(self.object, "audit.viewed", user=request.user)
        return super().get(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return gettext("Review")

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_breadcrumbs_items(self) -> list:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_initial(self) -> dict:
        return {"note": self.object.moderation_note}

    def get_context_data(self, **kwargs) -> dict:
        post = self.object
        return super().get_context_data(
            post=post,
            profile=getattr(post.owner, "portal_profile", None),
            public_url=post.get_absolute_url(),
            edit_url=reverse(self.edit_url_name, args=[post.pk]),
            history=log_registry.get_logs_for_instance(post).select_related("user")[:20],
            **kwargs,
        )

    def form_valid(self, form):
        decision = form.cleaned_data["decision"]
        moderation.decide(self.object, self.request.user, decision, form.cleaned_data["note"])
        labels = {
            moderation.Decision.APPROVE: gettext("“%(title)s” is approved and on the board."),
            moderation.Decision.REQUEST_CHANGES: gettext(
                "Changes to “%(title)s” were requested; the poster was told."
            ),
            moderation.Decision.REJECT: gettext("“%(title)s” was rejected; the poster was told."),
        }
        messages.success(self.request, labels[decision] % {"title": self.object.title})
        return redirect(self.index_url_name)


class PostIndexView(IndexView):
    review_url_name = None

    def get_review_url(self, instance) -> str | None:
        if self.user_has_permission("change"):
            return reverse(self.review_url_name, args=[instance.pk])
        return None

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The title leads moderators to the review page, their main task; editing stays in
        # the row's menu. (Same construction as Wagtail's own, with another URL.)
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_review_url, **kwargs
        )

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("owner__portal_profile")


class PostEditView(EditView):
    review_url_name = None

    @cached_property
    def header_more_buttons(self) -> list:
        return [
            Button(
                gettext("Review"),
                url=reverse(self.review_url_name, args=[self.object.pk]),
                icon_name="tasks",
                priority=5,
            ),
            *super().header_more_buttons,
        ]


class PostViewSet(ModelViewSet):
    index_view_class = PostIndexView
    edit_view_class = PostEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    list_filter = ["moderation_status", "status", "category"]
    search_fields = ["title", "description"]
    ordering = ["-submitted_at"]
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(review_url_name=self.get_url_name("review"), **kwargs)

    @property
    def review_view(self):
        return ReviewView.as_view(
            model=self.model,
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
        )

    def get_urlpatterns(self) -> list:
        # Posts come from the public site: no "add" or "copy" in the admin.
        patterns = [p for p in super().get_urlpatterns() if p.name not in {"add", "copy"}]
        return [*patterns, path("review/<int:pk>/", self.review_view, name="review")]


# Moderators may also correct the status and keep a note; the rest is shown, not edited.
MODERATOR_FIELDS = ["status", "moderation_note"]
INSPECT_FIELDS = ["moderation_status", "submitted_at", "first_published_at"]


class NeedViewSet(PostViewSet):
    model = Need
    icon = "help"
    menu_label = _("Needs")
    url_prefix = "needs/needs"
    list_display = [
        "title",
        "poster",
        "category",
        "country",
        "urgency",
        "status",
        "moderation_status",
        "submitted_at",
    ]
    form_fields = [*Need.POSTER_FIELDS, *MODERATOR_FIELDS]
    inspect_view_fields = [*form_fields, *INSPECT_FIELDS]


class OfferViewSet(PostViewSet):
    model = Offer
    icon = "gift"
    menu_label = _("Offers")
    url_prefix = "needs/offers"
    list_display = [
        "title",
        "poster",
        "category",
        "offered_by",
        "status",
        "moderation_status",
        "submitted_at",
    ]
    form_fields = [*Offer.POSTER_FIELDS, *MODERATOR_FIELDS]
    inspect_view_fields = [*form_fields, *INSPECT_FIELDS]


class NeedsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Needs and offers")
    menu_icon = "link"
    menu_order = 250
    items = (NeedViewSet("needs_need"), OfferViewSet("needs_offer"))
