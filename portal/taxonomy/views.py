from django import forms
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page

from . import places
from .feed_links import update_feed_links
from .models import Topic, TopicKind, localized_topics
from .related import classified_page_models, related_links, related_pages
from .tagged import tagged_groups


def related_view_all(request: HttpRequest, page_id: int) -> HttpResponse:
    """Every related page and external link of one public page ("view all")."""
    page = get_object_or_404(Page, pk=page_id, live=True)
    if page.get_view_restrictions().exists():
        raise Http404
    page = page.specific
    return TemplateResponse(
        request,
        "taxonomy/related_all.html",
        {
            "subject": page,
            "related": related_pages(page),
            "links": related_links(page),
        },
    )


def topic_for_slug(slug: str) -> Topic | None:
    """The topic in the reader's language, or in the default language."""
    for locale in (Locale.get_active(), Locale.get_default()):
        topic = Topic.objects.filter(slug=slug, locale=locale).first()
        if topic is not None:
            return topic
    return None


def topic_condition(topic: Topic) -> Q:
    keys = Topic.objects.filter(translation_key=topic.translation_key).values("pk")
    return Q(topics__in=keys)


class NarrowForm(forms.Form):
    """Narrow a country's, region's or topic's listing by a topic or a country ("forced labour
    in Lao PDR")."""

    topic = forms.ChoiceField(label=gettext_lazy("Topic"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, data: object, *, fixed: str, current_topic: str = "") -> None:
        super().__init__(data, auto_id="narrow-%s")
        any_option = [("", gettext_lazy("Any"))]
        topics = {
            t.slug: t.name
            for t in localized_topics(Topic.objects.filter(locale=Locale.get_default()))
            if t.slug != current_topic
        }
        self.fields["topic"].choices = any_option + sorted(
            topics.items(), key=lambda t: t[1].lower()
        )
        if fixed == "topic":
            self.fields["topic"].label = gettext_lazy("And topic")
        if fixed == "country":
            del self.fields["country"]
        else:
            self.fields["country"].choices = any_option + [
                (c.key, c.label) for c in places.countries()
            ]

    def conditions(self) -> tuple[list[Q], dict[str, str]]:
        """The extra conditions and the listing parameters that express them."""
        conditions, params = [], {}
        if not self.is_bound:
            return conditions, params
        self.is_valid()
        if topic_slug := self.cleaned_data.get("topic"):
            topic = topic_for_slug(topic_slug)
            if topic is not None:
                conditions.append(topic_condition(topic))
                params["topic"] = topic_slug
        if country_slug := self.cleaned_data.get("country"):
            conditions.append(Q(countries__iso2=country_slug.upper()))
            params["country"] = country_slug
        return conditions, params


def tagged_response(
    request: HttpRequest,
    *,
    title: str,
    intro: str,
    condition: Q,
    params: dict[str, str],
    fixed: str,
    feeds: list[dict],
    extra: dict | None = None,
) -> TemplateResponse:
    """The "everything about" page of a topic, a country or a region: every classified page
    type's items that meet `condition`, narrowed by the reader's form."""
    form = NarrowForm(request.GET or None, fixed=fixed, current_topic=params.get("topic", ""))
    narrowing, narrow_params = form.conditions()
    if fixed == "topic" and "topic" in narrow_params:
        # The section listings filter by one topic: link them with the narrower one.
        narrow_params = {**narrow_params}
        params = {**params, "topic": narrow_params.pop("topic")}
    groups = tagged_groups(request, [condition, *narrowing], {**params, **narrow_params})
    return TemplateResponse(
        request,
        "taxonomy/tagged.html",
        {
            "title": title,
            "intro": intro,
            "meta_title": title,
            "meta_description": intro,
            "groups": groups,
            "form": form,
            "narrowed": bool(narrow_params),
            "feeds": feeds,
            **(extra or {}),
        },
    )


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything tagged with one topic: /topics/forced-labour/."""
    topic = topic_for_slug(slug)
    if topic is None:
        raise Http404
    return tagged_response(
        request,
        title=topic.name,
        intro=topic.description
        or _("Everything on the portal about %(topic)s.") % {"topic": topic.name.lower()},
        condition=topic_condition(topic),
        params={"topic": topic.slug},
        fixed="topic",
        feeds=update_feed_links(
            _("Updates on %(topic)s") % {"topic": topic.name}, "topic", topic.slug
        ),
        extra={"topic": topic},
    )


def topic_index(request: HttpRequest) -> HttpResponse:
    """All topics, by kind, with how many items each has."""
    locale = Locale.get_active()
    topics = list(Topic.objects.filter(locale=locale)) or list(
        Topic.objects.filter(locale=Locale.get_default())
    )
    counts: dict = {}
    for model in classified_page_models():
        rows = (
            model.objects.live()
            .public()
            .filter(locale=locale)
            .values("topics__translation_key")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            key = row["topics__translation_key"]
            if key is not None:
                counts[key] = counts.get(key, 0) + row["n"]
    kinds = []
    for value, label in TopicKind.choices:
        entries = [
            {"topic": t, "count": counts.get(t.translation_key, 0)}
            for t in topics
            if t.kind == value
        ]
        if entries:
            kinds.append({"label": label, "key": value, "entries": entries})
    regions = places.regions()
    title = _("Topics")
    return TemplateResponse(
        request,
        "taxonomy/topic_index.html",
        {
            "kinds": kinds,
            "regions": regions,
            "title": title,
            "meta_title": title,
            "meta_description": _(
                "Forms of exploitation, sectors, groups and themes: everything on the portal, "
                "by subject."
            ),
        },
    )
