from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.antispam import AntiSpamFormMixin
from portal.core.formfields import IdModelChoiceField, IdModelMultipleChoiceField, single_line
from portal.countries.models import Country

from .choices import OfferedBy, PostKind, Status, Urgency, grouped_category_choices
from .models import Need, Offer, Post
from .validators import DEFAULT_PHONE_REGIONS, check_personal_data

MAX_DAYS_AHEAD = 366
MIN_DESCRIPTION_LENGTH = 30
MIN_MESSAGE_LENGTH = 20

NO_VICTIM_DATA_HELP = _(
    "Do not write anything about victims or cases: no names, photos, ages with places, "
    "stories or contact details that could identify a person."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PostForm(AntiSpamFormMixin, forms.ModelForm):
    """What needs and offers share: category, text, dates, and the personal-data check."""

    text_fields = ("title", "description")

    category = forms.ChoiceField(
        label=_("Category"),
        choices=lambda: [("", _("Choose a category")), *grouped_category_choices()],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].help_text = NO_VICTIM_DATA_HELP
        self.fields["description"].widget.attrs.update({"rows": 8, "maxlength": 3000})
        self.fields["category"].initial = self.instance.category or None

    def chosen_countries(self) -> list:
        return []

    def regions(self) -> tuple[str, ...]:
        """Numbering plans to read local phone numbers with: the region's and the post's."""
        extra = (country.iso2 for country in self.chosen_countries())
        return tuple(dict.fromkeys((*DEFAULT_PHONE_REGIONS, *extra)))

    def clean_title(self) -> str:
        # Titles appear in the subject and body of the board's emails: one line only.
        return single_line(self.cleaned_data["title"])

    def clean_description(self) -> str:
        description = self.cleaned_data["description"].strip()
        if len(description) < MIN_DESCRIPTION_LENGTH:
            raise ValidationError(
                _("Please describe it in at least %(min)d characters, so others understand it."),
                params={"min": MIN_DESCRIPTION_LENGTH},
                code="too_short",
            )
        return description

    def clean(self) -> dict:
        cleaned = super().clean()
        today = timezone.localdate()
        until = cleaned.get("until")
        starts_on = cleaned.get("starts_on")
        if until is not None:
            if until < today:
                self.add_error("until", _("This date has passed. Please choose today or later."))
            elif until > today + timedelta(days=MAX_DAYS_AHEAD):
                self.add_error(
                    "until",
                    _("Please choose a date within a year; you can extend it later."),
                )
        if starts_on and until and starts_on > until:
            self.add_error("starts_on", _("This must be on or before the end date."))
        regions = self.regions()
        for name in self.text_fields:
            value = cleaned.get(name)
            if value and name not in self.errors:
                try:
                    check_personal_data(value, regions)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class NeedForm(PostForm):
    text_fields = ("title", "description", "province", "quantity")

    country = IdModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), empty_label=_("Choose a country")
    )

    class Meta:
        model = Need
        fields = Need.POSTER_FIELDS
        labels = {
            "title": _("What do you need?"),
            "remote": _("Help from a distance (online, by phone) is welcome"),
            "starts_on": _("Needed from"),
            "until": _("Needed until"),
        }
        help_texts = {
            "starts_on": _("Leave empty if it is needed now."),
            "until": _("The need leaves the board after this day. At most a year ahead."),
        }
        widgets = {
            "urgency": forms.RadioSelect,
            "starts_on": DateInput,
            "until": DateInput,
        }

    def chosen_countries(self) -> list:
        country = self.cleaned_data.get("country")
        return [country] if country else []


class OfferForm(PostForm):
    text_fields = ("title", "description", "conditions")

    offered_by = forms.ChoiceField(
        label=_("You offer this as"), choices=OfferedBy.choices, widget=forms.RadioSelect
    )
    countries = IdModelMultipleChoiceField(
        label=_("Countries where you can help"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every country you can reach, or tick “remotely” below, or both."),
    )

    class Meta:
        model = Offer
        fields = Offer.POSTER_FIELDS
        labels = {
            "title": _("What can you give?"),
            "remote": _("I can help remotely (online, by phone)"),
            "starts_on": _("Available from"),
            "until": _("Available until"),
        }
        help_texts = {
            "starts_on": _("Leave empty if you are available now."),
            "until": _("The offer leaves the board after this day. At most a year ahead."),
        }
        widgets = {
            "starts_on": DateInput,
            "until": DateInput,
            "conditions": forms.Textarea(attrs={"rows": 4}),
        }

    def chosen_countries(self) -> list:
        return list(self.cleaned_data.get("countries") or [])

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            not cleaned.get("countries")
            and not cleaned.get("remote")
            and "countries" not in self.errors
        ):
            self.add_error(
                "countries",
                _("Choose at least one country, or say that you can help remotely."),
            )
        return cleaned


FORM_FOR_KIND = {PostKind.NEED: NeedForm, PostKind.OFFER: OfferForm}


class InterestForm(AntiSpamFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_(
            "Say who you are and how you can help or what you need. The portal sends it by "
            "email without your address. Do not include contact details or anything about "
            "victims or cases."
        ),
    )
    sender_post = IdModelChoiceField(
        label=_("Your own post that fits"),
        queryset=Post.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    consent = forms.BooleanField(
        label=_("Share my contact details with them as soon as they agree to connect too"),
        required=False,
    )

    def __init__(self, *args, post: Post, sender, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        opposite = PostKind.OFFER if post.is_need else PostKind.NEED
        own_posts = Post.objects.filter(owner=sender, kind=opposite).on_board()
        self.fields["sender_post"].queryset = own_posts
        if not own_posts.exists():
            del self.fields["sender_post"]

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < MIN_MESSAGE_LENGTH:
            raise ValidationError(
                _("Please write at least %(min)d characters."),
                params={"min": MIN_MESSAGE_LENGTH},
                code="too_short",
            )
        check_personal_data(message)
        return message


class BoardFilterForm(forms.Form):
    """The board's filters, all in the URL so that every view of the board can be linked."""

    STATUS_CHOICES = [
        ("", _("Open or in discussion")),
        (Status.OPEN, Status.OPEN.label),
        (Status.IN_DISCUSSION, Status.IN_DISCUSSION.label),
        (Status.MATCHED, Status.MATCHED.label),
        (Status.FULFILLED, Status.FULFILLED.label),
    ]

    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Needs and offers")), ("need", _("Needs")), ("offer", _("Offers"))],
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *grouped_category_choices()],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    urgency = forms.ChoiceField(
        label=_("Urgency (needs)"),
        required=False,
        choices=[("", _("Any urgency")), *Urgency.choices],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    q = forms.CharField(label=_("Words"), required=False, max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            ("", _("All countries")),
            *((c.slug, c.name) for c in Country.objects.order_by("name")),
        ]

    def filters(self) -> dict:
        """The valid filters; an invalid one is dropped (and its error shown)."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
