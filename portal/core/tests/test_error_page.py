"""The server error page promises nothing it cannot know: the error may have come before
anything was stored."""

import pytest
from django.test import RequestFactory

from portal.core.views import server_error


@pytest.mark.parametrize("language", ["en", "lo", "th"])
def test_the_error_page_never_claims_that_a_submission_was_kept(language):
    from django.utils import translation

    with translation.override(language):
        response = server_error(RequestFactory().post("/contact-us/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "has been lost" not in text and "was received" not in text
    if language == "en":
        assert "it may not have reached us" in text
        assert "keep a copy of what you wrote" in text
