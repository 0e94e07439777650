"""The demo site of the test database, and the empty site that `site_tree` gives: built once
per template or process (see conftest.py and portal/testing/database.py)."""

import contextlib


def build_demo_site():
    """Locales, home page, Site, editorial groups and all demo content (idempotent)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from portal.core.demo import load_all
    from portal.core.permissions import ensure_editorial_groups

    # After a flush (transactional tests) content types come back with new ids.
    ContentType.objects.clear_cache()
    load_all(lambda message: None)
    ensure_editorial_groups(apps)


@contextlib.contextmanager
def deletion_signals_muted():
    """Delete without the receivers of pre_delete/post_delete (page unpublishing, translation
    clean-up, search index updates): Django then deletes related rows in bulk instead of one
    object at a time, several times faster. The caller tidies the search index itself."""
    from django.db.models.signals import post_delete, pre_delete

    saved = [(signal, signal.receivers) for signal in (pre_delete, post_delete)]
    try:
        for signal, _receivers in saved:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def forget_deleted_objects_in_search_indexes() -> None:
    """Index rows whose object is gone (deleted with the signals muted)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    for content_type_id in IndexEntry.objects.values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        entries = IndexEntry.objects.filter(content_type_id=content_type_id)
        if model is None:
            entries.delete()
            continue
        existing = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        entries.exclude(object_id__in=existing).delete()


def empty_site():
    """Remove every page below the home page and every row of the portal's own models, leaving
    locales, home page, Site, settings, groups and the country list: a site whose content a test
    builds itself."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import ProtectedError
    from wagtail.models import Page

    from portal.home.site import ensure_site
    from portal.search import documents

    ContentType.objects.clear_cache()  # ids change when a transactional test flushes
    home = ensure_site()
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("portal.") and config.label not in KEEP_APPS
        for model in config.get_models()
        if not issubclass(model, Page) and model._meta.label not in KEEP_MODELS
    ]
    going = Page.objects.filter(depth__gt=2) | Page.objects.filter(depth=2).exclude(pk=home.pk)
    documents.remove(going.values_list("pk", flat=True))  # keeps the vocabulary's counts right
    with deletion_signals_muted():
        Page.objects.filter(depth__gt=2).delete()
        Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
        for _attempt in range(len(models) + 1):  # PROTECTed rows go once what refers to them has
            remaining = []
            for model in models:
                try:
                    model.objects.all().delete()
                except ProtectedError:
                    remaining.append(model)
            if not remaining:
                break
            models = remaining
    forget_deleted_objects_in_search_indexes()
    # The country list stays, but what the demo said about each country goes with it.
    apps.get_model("countries", "Country").objects.update(
        is_source=False, is_transit=False, is_destination=False, has_internal_trafficking=False
    )
    home.refresh_from_db()
    return home


def load_demo_of(*labels: str) -> None:
    """The demo content of some apps only (by app label, in INSTALLED_APPS order), for tests
    that want real content on an emptied site without the cost of all of it."""
    from portal.core.demo import demo_loaders

    for label, load in demo_loaders():
        if label in labels:
            load(lambda message: None)


KEEP_APPS = {"core", "home", "portal_search"}  # settings, home page; search rows follow pages
KEEP_MODELS = {"countries.Country"}  # reference data (ISO 3166), loaded by a migration
