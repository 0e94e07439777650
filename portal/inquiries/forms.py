"""The public forms: a research inquiry (Inquiry Corner) and a contact message (Contact Us).

Both carry the shared spam traps (honeypot, minimum fill time); views add the rate limits.
Each rule explains itself, and a rejected form comes back with everything the person typed.
"""

import re
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.antispam import AntiSpamFormMixin
from portal.core.formfields import IdModelChoiceField, IdModelMultipleChoiceField, single_line
from portal.countries.models import Country, Region
from portal.taxonomy.models import Topic, TopicKind

from .conf import inquiry_settings
from .models import Role

QUESTION_MAX_LENGTH = 5000
QUESTION_MIN_LENGTH = 20

# Web addresses in a name are the mark of spam: "http:", "www.", "://", "<a ", or a bare domain.
_LINK_IN_TEXT = re.compile(
    r"(https?:|ftp:|www\.|://|\[url|<\s*a\b|"
    r"\b[\w-]+\.(?:com|net|org|info|biz|ru|cn|xyz|top|io|co|me|site|online|click|link|shop)\b)",
    re.IGNORECASE,
)


def validate_no_links(value: str) -> None:
    if _LINK_IN_TEXT.search(value):
        raise ValidationError(
            _("Please write your name without web addresses or links."), code="link"
        )
    if "<" in value or ">" in value:
        raise ValidationError(_("Please write your name without < or > signs."), code="markup")


def _required(message) -> dict:
    return {"required": message}


class DeskFormBase(AntiSpamFormMixin, forms.Form):
    """Name and email, common to both forms."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[validate_no_links],
        error_messages={
            **_required(_("Please enter your name.")),
            "max_length": _("Please shorten your name to at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send the answer here. It is never shown on the portal."),
        error_messages={
            **_required(_("Please enter your email address, so that we can answer you.")),
            "invalid": _("Please enter an email address in the form name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self) -> str:
        return single_line(self.cleaned_data["name"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()


def _text_field(label, *, max_length: int, min_length: int, help_text, required_message):
    return forms.CharField(
        label=label,
        max_length=max_length,
        min_length=min_length,
        help_text=help_text,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            **_required(required_message),
            "max_length": _(
                "Please shorten your text to at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
            "min_length": _(
                "Please tell us a little more: at least %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )


class InquiryForm(DeskFormBase):
    organization = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        error_messages={
            "max_length": _(
                "Please shorten the organisation to at most %(limit_value)d characters."
            )
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("You are asking as"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            **_required(_("Please choose the description that fits you best.")),
            "invalid_choice": _("Please choose one of the descriptions in the list."),
        },
    )
    countries = IdModelMultipleChoiceField(
        label=_("Countries of interest (optional)"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_(
            "Choose one or more. On a computer, hold Ctrl (or Cmd on a Mac) to choose several."
        ),
        error_messages={
            "invalid_choice": _("Please choose countries from the list."),
            "invalid_pk_value": _("Please choose countries from the list."),
        },
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    topic = IdModelChoiceField(
        label=_("Topic (optional)"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("Not sure / several topics"),
        error_messages={"invalid_choice": _("Please choose a topic from the list.")},
    )
    question = _text_field(
        _("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        min_length=QUESTION_MIN_LENGTH,
        help_text=_(
            "What would you like to know, and what is it for? Up to 5,000 characters. "
            "Please do not include details that could identify a victim."
        ),
        required_message=_("Please write your question."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language of the answer"),
        choices=(),
        error_messages={
            **_required(_("Please choose the language of the answer.")),
            "invalid_choice": _("Please choose a language from the list."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that the portal stores these details to answer my inquiry."),
        error_messages=_required(
            _("Please agree to the storage of your details: without them we cannot answer you.")
        ),
    )

    field_order = [
        "name",
        "email",
        "organization",
        "role",
        "countries",
        "topic",
        "question",
        "preferred_language",
        "consent",
    ]

    def __init__(self, *args, privacy_url: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["preferred_language"].choices = inquiry_settings().answer_languages
        codes = {code for code, _label in self.fields["preferred_language"].choices}
        self.fields["preferred_language"].initial = language if language in codes else "en"
        self._set_up_countries()
        self._set_up_topics(language)
        if privacy_url:
            self.fields["consent"].help_text = format_html(
                '{} <a href="{}">{}</a>',
                _("How long we keep them and your rights are explained in our"),
                privacy_url,
                _("privacy policy"),
            )

    def _set_up_countries(self) -> None:
        countries = list(Country.objects.order_by("name"))
        if not countries:
            del self.fields["countries"]  # nothing to choose from yet
            return
        region_labels = dict(Region.choices)
        by_region: dict[str, list] = defaultdict(list)
        for country in countries:
            by_region[country.region].append((str(country.pk), country.name))
        self.fields["countries"].widget.choices = [
            (region_labels.get(region, region), options)
            for region, options in sorted(
                by_region.items(), key=lambda item: str(region_labels.get(item[0], item[0]))
            )
        ]

    def _set_up_topics(self, language: str) -> None:
        topics = Topic.objects.filter(locale__language_code=language)
        if not topics.exists():
            topics = Topic.objects.filter(locale__language_code="en")
        if not topics.exists():
            del self.fields["topic"]
            return
        field = self.fields["topic"]
        field.queryset = topics
        kinds = dict(TopicKind.choices)
        grouped: dict[str, list] = defaultdict(list)
        for topic in topics.order_by("kind", "name"):
            grouped[topic.kind].append((str(topic.pk), topic.name))
        field.widget.choices = [
            ("", field.empty_label),
            *[(kinds.get(kind, kind), options) for kind, options in grouped.items()],
        ]


class ContactForm(DeskFormBase):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={
            **_required(_("Please give your message a subject.")),
            "max_length": _("Please shorten the subject to at most %(limit_value)d characters."),
        },
    )
    message = _text_field(
        _("Your message"),
        max_length=QUESTION_MAX_LENGTH,
        min_length=10,
        help_text=_("Up to 5,000 characters."),
        required_message=_("Please write your message."),
    )

    field_order = ["name", "email", "subject", "message"]

    def clean_subject(self) -> str:
        # The subject becomes the subject line of the desk's emails: one line only.
        return single_line(self.cleaned_data["subject"])
