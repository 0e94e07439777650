"""What needs an editor's attention, for the "Needs review" dashboard: each section lists the
objects of one kind that a person may act on, with why each is listed and the action that
clears it. Each section costs a fixed number of queries, however many rows it has."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import TranslationSource

from portal.core.conf import core_settings
from portal.countries.review import profiles_due_for_review, review_cutoff
from portal.desk.conf import desk_settings
from portal.languages.status import OUTDATED, translation_states
from portal.needs.models import Need, Offer
from portal.organizations.models import OrganizationPage
from portal.sources.models import Source
from portal.taxonomy.models import RelatedLink

ROWS_PER_SECTION = 50


@dataclass
class Action:
    label: str
    url: str
    post: bool = False  # a form button (with CSRF) rather than a link


@dataclass
class Row:
    title: str
    reason: str
    actions: list[Action]
    url: str = ""  # where the object is edited


@dataclass
class Section:
    key: str
    heading: str | Promise
    empty: str | Promise
    rows: list[Row] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _editable_pages(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change").values("pk")


def _may_edit_some_page(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, ["change", "add"])


def _limited(section: Section, queryset) -> list:
    section.total = queryset.count()
    return list(queryset[:ROWS_PER_SECTION])


def _limited_add(section: Section, queryset) -> list:
    """As _limited, for a section gathered from several querysets."""
    section.total += queryset.count()
    return list(queryset[:ROWS_PER_SECTION])


def profiles_section(user, today: date) -> Section:
    section = Section(
        "profiles",
        gettext_lazy("Country profiles not reviewed for %(months)s months")
        % {"months": core_settings().review_after_months},
        gettext_lazy("Every profile was reviewed recently."),
    )
    pages = profiles_due_for_review(today).filter(pk__in=_editable_pages(user)).defer_streamfields()
    for page in _limited(section, pages):
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        section.rows.append(
            Row(
                page.title,
                _("Last reviewed %(date)s") % {"date": _day(page.last_reviewed)},
                [
                    Action(
                        _("Mark reviewed"),
                        reverse("countries_mark_reviewed", args=[page.pk]),
                        post=True,
                    ),
                    Action(_("Edit"), edit),
                ],
                edit,
            )
        )
    return section


def organisations_section(user, today: date) -> Section:
    section = Section(
        "organisations",
        gettext_lazy("Organisations not verified for %(months)s months")
        % {"months": core_settings().review_after_months},
        gettext_lazy("Every organisation's details were verified recently."),
    )
    cutoff = review_cutoff(today)
    pages = (
        OrganizationPage.objects.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
        .filter(pk__in=_editable_pages(user))
        .order_by("last_verified", "title")
        .only("id", "title", "last_verified")
    )
    for page in _limited(section, pages):
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        reason = (
            _("Last verified %(date)s") % {"date": _day(page.last_verified)}
            if page.last_verified
            else _("Never verified")
        )
        section.rows.append(Row(page.title, reason, [Action(_("Verify and edit"), edit)], edit))
    return section


def links_section(user, today: date) -> Section:
    """Broken source addresses (for people who may change sources) and broken related links
    (for people who may edit the page that holds them)."""
    section = Section(
        "links",
        gettext_lazy("Broken links"),
        gettext_lazy("No link failed its last check."),
    )
    records: list = []
    if user.has_perm("sources.change_source"):
        sources = Source.objects.filter(link_failures__gt=0).order_by("link_failing_since")
        records += _limited_add(section, sources)
    links = (
        RelatedLink.objects.filter(link_failures__gt=0, page__in=_editable_pages(user))
        .select_related("page")
        .order_by("link_failing_since")
    )
    records += _limited_add(section, links)
    for record in records:
        if isinstance(record, Source):
            edit = reverse("wagtailsnippets_sources_source:edit", args=[record.pk])
            title = _("Source: %(title)s") % {"title": record.title}
            label = _("Fix the address")
        else:
            edit = reverse("wagtailadmin_pages:edit", args=[record.page_id])
            title = _("Related link “%(title)s” on “%(page)s”") % {
                "title": record.title,
                "page": record.page.title,
            }
            label = _("Fix the link")
        reason = f"{record.link_state_label()}: {record.url}"
        section.rows.append(Row(title, reason, [Action(label, edit)], edit))
    return section


def translations_section(user, today: date) -> Section:
    section = Section(
        "translations",
        gettext_lazy("Translations outdated against their English page"),
        gettext_lazy("No translation is behind its original."),
    )
    if not _may_edit_some_page(user):
        return section  # e.g. Needs moderators: no need to work out every page's state
    codes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    sources = (
        Page.objects.filter(locale=Locale.get_default(), depth__gt=1)
        .live()
        .order_by("path")
        .only("id", "title", "translation_key", "locale_id", "last_published_at", "path", "depth")
    )
    outdated = [s for s in translation_states(sources, codes) if OUTDATED in s.flags]
    editable = set(
        _editable_pages(user)
        .filter(pk__in=[s.translation.pk for s in outdated])
        .values_list("pk", flat=True)
    )
    outdated = [s for s in outdated if s.translation.pk in editable]
    section.total = len(outdated)
    outdated = outdated[:ROWS_PER_SECTION]
    synced = dict(
        TranslationSource.objects.filter(
            object_id__in=[s.source.translation_key for s in outdated],
            locale=Locale.get_default(),
        ).values_list("object_id", "pk")
    )
    for state in outdated:
        edit = reverse("wagtailadmin_pages:edit", args=[state.translation.pk])
        source_id = synced.get(state.source.translation_key)
        action = (
            Action(
                _("Update from the original"),
                reverse("wagtail_localize:update_translations", args=[source_id]),
            )
            if source_id
            else Action(_("Edit translation"), edit)
        )
        section.rows.append(
            Row(
                f"{state.source.title} ({state.language_name})",
                _("The original was published %(date)s, after this translation")
                % {"date": _day(timezone.localtime(state.source.last_published_at))},
                [action],
                edit,
            )
        )
    return section


def posts_section(user, today: date) -> Section:
    days = desk_settings().expiry_warning_days
    section = Section(
        "posts",
        gettext_lazy("Needs and offers ending within %(days)s days") % {"days": days},
        gettext_lazy("No need or offer ends soon."),
    )
    found: list[tuple[date, Row]] = []
    for model, url_name in ((Need, "needs_need:edit"), (Offer, "needs_offer:edit")):
        if not user.has_perm(f"needs.change_{model._meta.model_name}"):
            continue
        posts = model.objects.on_board(today).filter(until__lte=today + timedelta(days=days))
        posts = posts.order_by("until").only("id", "title", "until", "kind")
        for post in _limited_add(section, posts):
            edit = reverse(url_name, args=[post.pk])
            row = Row(
                post.title,
                _("Ends %(date)s") % {"date": _day(post.until)},
                [Action(_("Extend its date"), edit)],
                edit,
            )
            found.append((post.until, row))
    found.sort(key=lambda pair: pair[0])
    section.rows = [row for _until, row in found[:ROWS_PER_SECTION]]
    return section


SECTIONS = [
    profiles_section,
    organisations_section,
    links_section,
    translations_section,
    posts_section,
]


def sections_for(user, today: date | None = None) -> list[Section]:
    today = today or timezone.localdate()
    return [build(user, today) for build in SECTIONS]


def may_use_dashboard(user) -> bool:
    """Editors, moderators and needs moderators: people who can act on some row."""
    return bool(
        user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and (
            _may_edit_some_page(user)
            or user.has_perm("sources.change_source")
            or user.has_perm("needs.change_need")
            or user.has_perm("needs.change_offer")
        )
    )
