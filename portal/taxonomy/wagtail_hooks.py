from wagtail.snippets.models import register_snippet

from .viewsets import VocabularyViewSetGroup

register_snippet(VocabularyViewSetGroup)
