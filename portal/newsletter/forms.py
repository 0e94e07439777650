from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.antispam import AntiSpamFormMixin
from portal.core.formfields import IdModelMultipleChoiceField, single_line
from portal.countries.models import Country
from portal.taxonomy.models import Topic

from .models import Subscriber


def topics_for_reader() -> QuerySet[Topic]:
    """Topics in the reader's language, or in the default language when not translated."""
    topics = Topic.objects.filter(locale__language_code=get_language())
    if not topics.exists():
        topics = Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return topics.order_by("kind", "name")


class InterestsMixin(forms.Form):
    """Countries and topics a person wants to hear about; none means everything."""

    countries = IdModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = IdModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics_for_reader()

    def clean_name(self) -> str:
        # The name greets the reader in emails: line breaks in it would add lines there.
        return single_line(self.cleaned_data.get("name") or "")


class SignupForm(InterestsMixin, AntiSpamFormMixin):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Optional. Used only to greet you in our emails."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    field_order = ["email", "name", "language", "countries", "topics"]


class PreferencesForm(InterestsMixin, forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = ["name", "language", "countries", "topics"]
        labels = {"language": _("Language of the newsletter")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Topics chosen in another language stay choosable (and chosen).
            self.fields["topics"].queryset = Topic.objects.filter(
                Q(pk__in=topics_for_reader()) | Q(pk__in=self.instance.topics.all())
            ).order_by("kind", "name")
        self.fields["name"].help_text = _("Optional. Used only to greet you in our emails.")
