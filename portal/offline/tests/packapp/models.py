from django.db import models
from wagtail.models import Page

from portal.taxonomy.models import ClassifiedMixin


class ProfilePage(Page):
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(blank=True)
    see_also = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class TaggedPage(ClassifiedMixin, Page):
    pass
