from portal.api.tests.conftest import forget_site_root_paths

__all__ = ["forget_site_root_paths"]
