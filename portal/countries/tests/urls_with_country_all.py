"""The site's URLs plus a stand-in for taxonomy:country_all (the "Everything about" page that
another app provides), to test the link that appears once it exists."""

from django.http import HttpResponse
from django.urls import include, path

from portal import urls as site_urls

taxonomy_patterns = (
    [path("everything/<str:iso2>/", lambda request, iso2: HttpResponse(iso2), name="country_all")],
    "taxonomy",
)
urlpatterns = [path("", include(taxonomy_patterns)), *site_urls.urlpatterns]
