"""JSON-LD expansion without the network: pyld's document loader is given a stored, minimal
schema.org context (the terms the portal's Dataset uses; schema.org's own context maps every
term to http://schema.org/ with @vocab, which is what this does)."""

from pyld import jsonld

SCHEMA_ORG = "https://schema.org"
MINIMAL_CONTEXT = {
    "@context": {
        "@vocab": "http://schema.org/",
        "id": "@id",
        "type": "@type",
        "contentUrl": {"@id": "http://schema.org/contentUrl"},
        "url": {"@id": "http://schema.org/url"},
    }
}


def offline_loader(url: str, options: dict | None = None) -> dict:
    """Serves the stored context for schema.org; refuses every other address (no network)."""
    if url.rstrip("/") in (SCHEMA_ORG, "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": MINIMAL_CONTEXT,
        }
    raise jsonld.JsonLdError(
        f"No network in tests: {url}", "jsonld.LoadDocumentError", code="loading document failed"
    )


def expand_offline(document: dict) -> list[dict]:
    document = {"@context": SCHEMA_ORG, **document}
    return jsonld.expand(document, {"documentLoader": offline_loader})
