from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Language, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "kind"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "slug", "description"]
    ordering = ["kind", "name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = _("Languages")
    list_display = ["name", "native_name", "code"]
    search_fields = ["name", "native_name", "code"]


class VocabularyViewSetGroup(SnippetViewSetGroup):
    """The shared vocabulary editors maintain: topics and languages."""

    items = (TopicViewSet, LanguageViewSet)
    menu_icon = "tag"
    menu_label = _("Vocabulary")
    menu_name = "vocabulary"
