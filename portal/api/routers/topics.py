"""The shared vocabulary: forms of exploitation, sectors, groups and themes."""

from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field

from portal.taxonomy.models import TopicKind

from ..endpoints import (
    api_router,
    detail_operation,
    list_operation,
    path_parameter,
    query_parameter,
)
from ..params import SLUG_PATTERN, LanguageQuery, ListQuery
from ..records.topics import topic_record, topics
from ..schemas import TopicOut
from .pages import _locale

router = api_router(__name__, tags=["Topics"])

KindSlug = Literal[tuple(TopicKind.values)]  # type: ignore[valid-type]


class TopicQuery(ListQuery, LanguageQuery):
    kind: KindSlug | None = Field(None, description=N_("Kind of topic."))


def _topics(query: TopicQuery):
    items = topics(_locale(query.lang))
    if query.kind:
        items = items.filter(kind=query.kind)
    return items


list_operation(
    router,
    "/topics",
    name="topics",
    function_name="list_topics",
    schema=TopicOut,
    query=TopicQuery,
    items=_topics,
    record=topic_record,
    summary=N_("Topics"),
    description=N_("The vocabulary every item is tagged with, by slug."),
)
detail_operation(
    router,
    "/topics/{slug}",
    name="topic",
    function_name="get_topic",
    schema=TopicOut,
    parameters=[query_parameter(LanguageQuery), path_parameter("slug", pattern=SLUG_PATTERN)],
    find=lambda query, slug: topics(_locale(query.lang)).filter(slug=slug).first(),
    record=topic_record,
    not_found=lambda query, slug: _("No topic has this slug."),
    summary=N_("A topic"),
)
