"""/data/: the bulk downloads, with when they were generated, their sizes, the licence and how
to cite them; and the files themselves. Never builds the files in a request: when they do not
exist yet, the page says so and queues their generation."""

from datetime import datetime

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from portal.api.records.base import API_NAMESPACE

from . import export
from .dictionary import data_dictionary
from .tables import TABLES
from .tasks import schedule_generation

DOWNLOAD_MAX_AGE = 300
FORMATS = {
    export.ZIP_FILE: ("application/zip", "CSV"),
    export.JSON_FILE: ("application/json", "JSON"),
}


@require_safe
def data_index(request: HttpRequest) -> HttpResponse:
    manifest = export.read_manifest()
    if manifest is None:
        schedule_generation()
    files = []
    if manifest is not None:
        for name in export.DOWNLOADS:
            files.append(
                {
                    "name": name,
                    "format": FORMATS[name][1],
                    "size": manifest["files"].get(name, 0),
                    "url": reverse("opendata:download", kwargs={"filename": name}),
                }
            )
    return TemplateResponse(
        request,
        "opendata/data_index.html",
        {
            "manifest": manifest,
            "generated_at": (
                datetime.fromisoformat(manifest["generated_at"]) if manifest else None
            ),
            "files": files,
            "tables": [
                {"table": t, "count": (manifest or {}).get("counts", {}).get(t.name)}
                for t in TABLES
            ],
            "dictionary": data_dictionary(),
            "api_reference_url": reverse("api_reference"),
            "api_url": reverse(f"{API_NAMESPACE}:index"),
        },
    )


@require_safe
def download(request: HttpRequest, filename: str) -> HttpResponse:
    if filename not in FORMATS:
        raise Http404
    path = export.root() / filename
    try:
        modified = int(path.stat().st_mtime)
    except FileNotFoundError as error:
        raise Http404 from error
    not_modified = get_conditional_response(request, last_modified=modified)
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=FORMATS[filename][0]
    )
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=DOWNLOAD_MAX_AGE)
    return response
