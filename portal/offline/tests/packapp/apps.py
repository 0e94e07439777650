from django.apps import AppConfig


class PackAppConfig(AppConfig):
    """Test-only page types shaped like the country profile and the tagged content other apps
    define, so that country packs are tested before those apps exist (installed by test settings
    only)."""

    name = "portal.offline.tests.packapp"
    label = "offline_packapp"
