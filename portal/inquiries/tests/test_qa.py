"""An answered inquiry becomes a published, anonymised Q&A through the normal workflow."""

import pytest
from bs4 import BeautifulSoup

from portal.inquiries import casework
from portal.inquiries.models import AnsweredQuestionPage, Inquiry
from portal.testing import build
from portal.testing.security import login_staff

from .conftest import inquiry_post

pytestmark = pytest.mark.django_db

QUESTION = (
    "My name is Dara Sok and I work for Mekong Research Network. Which studies estimate how many "
    "Lao workers migrate to Thailand each year? Call me on +856 20 5555 1234 or write to "
    "dara.sok@example.org. Dara"
)
IDENTIFYING = ["Dara", "Sok", "Mekong Research Network", "5555", "dara.sok@example.org"]


@pytest.fixture
def answered(client, desk_site, desk_member, countries, topics) -> Inquiry:
    data = inquiry_post(
        question=QUESTION, countries=[countries["LA"].pk], topic=topics["fishing"].pk
    )
    assert client.post("/inquiry-corner/", data).status_code == 302
    inquiry = Inquiry.objects.get()
    casework.answer(
        inquiry, desk_member, "Dear Dara Sok, the 2013 Lao labour force survey gives a figure."
    )
    return inquiry


def test_the_desk_drafts_an_anonymised_qa_and_a_moderator_publishes_it(
    client, answered, desk_member, moderator
):
    login_staff(client, desk_member)
    url = f"/admin/inquiries/qa/{answered.pk}/"
    assert url in client.get(f"/admin/inquiries/edit/{answered.pk}/").content.decode()

    proposal = BeautifulSoup(client.get(url).content, "html.parser")
    proposed_question = proposal.select_one("textarea[name=question]").get_text()
    proposed_answer = proposal.select_one("textarea[name=answer]").get_text()
    assert "Lao workers migrate to Thailand" in proposed_question
    assert "2013 Lao labour force survey" in proposed_answer
    for value in IDENTIFYING:
        assert value not in proposed_question and value not in proposed_answer, value

    # Staff must confirm that they checked the texts.
    data = {
        "title": "How many Lao workers migrate to Thailand?",
        "question": proposed_question,
        "answer": proposed_answer,
    }
    assert "Please check the texts" in client.post(url, data).content.decode()
    assert not AnsweredQuestionPage.objects.exists()

    response = client.post(url, {**data, "checked": "on"})
    page = AnsweredQuestionPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    answered.refresh_from_db()
    assert answered.qa_page_id == page.pk

    # A draft: not public, and the desk cannot publish it by itself.
    assert not page.live
    assert client.get(page.url_path.replace("/home", "", 1)).status_code == 404
    assert not page.permissions_for_user(desk_member).can_publish()
    assert list(page.countries.values_list("iso2", flat=True)) == ["LA"]

    # Through the normal moderation workflow.
    workflow_state = page.get_workflow().start(page, desk_member)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live

    reader = client.__class__()
    listing = reader.get("/inquiry-corner/questions-answered/")
    assert "How many Lao workers migrate to Thailand?" in listing.content.decode()
    assert "How many Lao workers" in reader.get("/inquiry-corner/").content.decode()
    public = reader.get(page.url).content.decode()
    assert "Lao workers migrate to Thailand" in public and "labour force survey" in public
    for value in IDENTIFYING:
        assert value not in public, value

    # Like every classified page, it leads on to pages on the same countries and topics.
    build.resource("Fishing crews from Laos", countries=["LA"])
    box = BeautifulSoup(reader.get(page.url).content, "html.parser").select_one(".related__box")
    assert box.h2.get_text() == "Related pages on this site"
    assert [a.get_text() for a in box.select("li a")] == ["Fishing crews from Laos"]


def test_only_answered_inquiries_can_become_qa(client, desk_site, desk_member):
    client.post("/inquiry-corner/", inquiry_post())
    inquiry = Inquiry.objects.get()
    login_staff(client, desk_member)
    assert (
        f"/admin/inquiries/qa/{inquiry.pk}/"
        not in client.get(f"/admin/inquiries/edit/{inquiry.pk}/").content.decode()
    )
    response = client.get(f"/admin/inquiries/qa/{inquiry.pk}/")
    assert response.status_code == 302
    response = client.post(
        f"/admin/inquiries/qa/{inquiry.pk}/",
        {"title": "T", "question": "Q", "answer": "A", "checked": "on"},
    )
    assert response.status_code == 302 and not AnsweredQuestionPage.objects.exists()
