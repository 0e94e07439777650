"""The shared vocabulary: forms of exploitation, sectors, groups and themes."""

from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field, Path, Query, Router

from portal.taxonomy.models import TopicKind

from ..pagination import base_url, paginate
from ..params import SLUG_PATTERN, LanguageQuery, ListQuery
from ..records.topics import topic_record, topics
from ..schemas import ERRORS, TopicOut, paged
from .pages import _locale

router = Router(tags=["Topics"])

KindSlug = Literal[tuple(TopicKind.values)]  # type: ignore[valid-type]


class TopicQuery(ListQuery, LanguageQuery):
    kind: KindSlug | None = Field(None, description=N_("Kind of topic."))


@router.get(
    "/topics",
    response={200: paged(TopicOut), **ERRORS},
    url_name="topics",
    summary=N_("Topics"),
    description=N_("The vocabulary every item is tagged with, by slug."),
)
def list_topics(request: HttpRequest, query: Query[TopicQuery]):
    items = topics(_locale(query.lang))
    if query.kind:
        items = items.filter(kind=query.kind)
    return paginate(request, items, query, topic_record)


@router.get(
    "/topics/{slug}", response={200: TopicOut, **ERRORS}, url_name="topic", summary=N_("A topic")
)
def get_topic(
    request: HttpRequest, query: Query[LanguageQuery], slug: str = Path(..., pattern=SLUG_PATTERN)
):
    topic = topics(_locale(query.lang)).filter(slug=slug).first()
    if topic is None:
        raise Http404(_("No topic has this slug."))
    return topic_record(topic, base_url(request))
