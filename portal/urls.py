from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.api.api import api, unknown_address
from portal.api.reference import api_reference
from portal.core import views as core_views
from portal.home.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # The open data API: JSON only, the same in every language (labels follow `lang`).
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_address),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: English without a prefix, other languages under /lo/, /th/.
urlpatterns += i18n_patterns(
    path("search/", include("portal.search.urls")),
    path("", include("portal.taxonomy.urls")),
    path("", include("portal.countries.urls")),
    path("", include("portal.updates.urls")),
    path("accounts/", include("portal.accounts.urls")),
    path("sources/", include("portal.sources.urls")),
    path("newsletter/", include("portal.newsletter.urls")),
    path("api/", api_reference, name="api_reference"),
    path("data/", include("portal.opendata.urls")),
    # Wagtail's page tree last: it answers every remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
handler500 = "portal.core.views.server_error"
