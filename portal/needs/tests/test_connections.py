"""Expressing interest: the first message is relayed by real email without either address, and
addresses are exchanged only once both sides agree to connect."""

import pytest
from bs4 import BeautifulSoup

from portal.mailer.models import OutgoingEmail
from portal.needs.choices import Status
from portal.needs.models import Interest, Need, Offer

from .conftest import form_started

pytestmark = pytest.mark.django_db

BOARD = "/needs-and-resources/"
SHELTER = "shelter@example.org"
DONOR = "donor@example.net"
MESSAGE = (
    "We are a volunteer group of interpreters and could cover the hearings in "
    "Savannakhet in March. Tell us more about the schedule."
)


def all_text(message) -> str:
    """Every header and the body of a received email, as one string."""
    headers = "\n".join(f"{k}: {v}" for k, v in message.message.items())
    return headers + "\n" + message.text()


@pytest.fixture
def need(shelter, make_need, board):
    return make_need(shelter)


def express(client, need, **data):
    return client.post(
        f"{BOARD}needs/{need.pk}/interest/",
        {"message": MESSAGE, "form_started": form_started(), **data},
    )


def test_the_first_message_is_relayed_without_either_address(client, smtp_server, need, donor):
    client.force_login(donor)
    form = client.get(f"{BOARD}needs/{need.pk}/interest/")
    assert form.status_code == 200 and "Neither of you sees" in form.content.decode()
    response = express(client, need)
    interest = Interest.objects.get()
    assert response["Location"] == f"{BOARD}connections/{interest.pk}/"
    assert interest.sender == donor and interest.post.pk == need.pk

    received = {m.envelope_to[0]: m for m in smtp_server.messages}
    assert set(received) == {SHELTER, DONOR}
    to_owner = received[SHELTER]
    assert MESSAGE in to_owner.text()
    assert "Mekong Giving Fund" in to_owner.text()
    assert f"http://testserver{BOARD}connections/{interest.pk}/" in to_owner.text()
    assert DONOR not in all_text(to_owner)
    assert to_owner.header("Reply-To") is None
    to_sender = received[DONOR]
    assert SHELTER not in all_text(to_sender)
    assert "Riverside Shelter" in to_sender.text()
    # The post's status does not move on a first message alone.
    assert Need.objects.get(pk=need.pk).status == Status.OPEN


def test_addresses_are_exchanged_only_when_both_agree(client, smtp_server, need, donor, shelter):
    client.force_login(donor)
    express(client, need)  # the sender does not agree yet
    interest = Interest.objects.get()
    smtp_server.clear()

    client.force_login(shelter)
    page = client.get(f"{BOARD}connections/{interest.pk}/")
    assert MESSAGE in page.content.decode() and DONOR not in page.content.decode()
    client.post(f"{BOARD}connections/{interest.pk}/", {"action": "consent"})
    interest.refresh_from_db()
    assert interest.recipient_consented_at and not interest.connected_at
    (asked,) = smtp_server.messages
    assert asked.envelope_to == [DONOR] and SHELTER not in all_text(asked)
    assert DONOR not in client.get(f"{BOARD}connections/{interest.pk}/").content.decode()

    smtp_server.clear()
    client.force_login(donor)
    client.post(f"{BOARD}connections/{interest.pk}/", {"action": "consent"})
    interest.refresh_from_db()
    assert interest.connected_at
    received = {m.envelope_to[0]: m for m in smtp_server.messages}
    assert SHELTER in received[DONOR].text() and DONOR in received[SHELTER].text()
    assert SHELTER in client.get(f"{BOARD}connections/{interest.pk}/").content.decode()
    # Talking now: the need is in discussion.
    assert Need.objects.get(pk=need.pk).status == Status.IN_DISCUSSION


def test_consent_given_when_writing_connects_on_the_other_sides_agreement(
    client, need, donor, shelter, make_offer
):
    offer = make_offer(donor)
    client.force_login(donor)
    express(client, need, consent="on", sender_post=offer.pk)
    interest = Interest.objects.get()
    assert interest.sender_consented_at and interest.sender_post.pk == offer.pk
    client.force_login(shelter)
    client.post(f"{BOARD}connections/{interest.pk}/", {"action": "consent"})
    interest.refresh_from_db()
    assert interest.connected_at
    emails = OutgoingEmail.objects.filter(purpose="needs.connected")
    assert {e.to[0] for e in emails} == {SHELTER, DONOR}
    assert Offer.objects.get(pk=offer.pk).status == Status.IN_DISCUSSION


def test_declining_shares_nothing(client, need, donor, shelter):
    client.force_login(donor)
    express(client, need, consent="on")
    interest = Interest.objects.get()
    client.force_login(shelter)
    client.post(f"{BOARD}connections/{interest.pk}/", {"action": "decline"})
    client.post(f"{BOARD}connections/{interest.pk}/", {"action": "consent"})
    interest.refresh_from_db()
    assert interest.declined_at and not interest.connected_at
    assert not OutgoingEmail.objects.filter(purpose="needs.connected").exists()
    declined = OutgoingEmail.objects.get(purpose="needs.declined")
    assert declined.to == [DONOR] and SHELTER not in declined.body_text


def test_an_unknown_action_changes_nothing(client, need, donor, shelter):
    client.force_login(donor)
    express(client, need)
    interest = Interest.objects.get()
    client.force_login(shelter)
    response = client.post(
        f"{BOARD}connections/{interest.pk}/", {"action": "share-all"}, follow=True
    )
    assert "Please choose one of the buttons" in response.content.decode()
    interest.refresh_from_db()
    assert not interest.recipient_consented_at and not interest.declined_at


def test_only_the_two_parties_see_a_conversation(client, need, donor, make_user):
    client.force_login(donor)
    express(client, need)
    interest = Interest.objects.get()
    client.force_login(make_user("curious@example.org"))
    assert client.get(f"{BOARD}connections/{interest.pk}/").status_code == 404
    response = client.post(f"{BOARD}connections/{interest.pk}/", {"action": "consent"})
    assert response.status_code == 404
    client.logout()
    assert client.get(f"{BOARD}connections/{interest.pk}/").status_code == 302


@pytest.mark.parametrize(
    "data,message",
    [
        ({"message": ""}, "required"),
        ({"message": "Can help."}, "at least 20 characters"),
        ({"message": "x" * 2001}, "at most 2000"),
        ({"message": MESSAGE + " Write to me at donor@example.net"}, "email address"),
        ({"message": MESSAGE + " Call +66 81 234 5678."}, "phone number"),
        ({"sender_post": "999999"}, "valid choice"),
    ],
)
def test_bad_input_in_a_message_is_explained_and_nothing_is_sent(
    client, need, donor, make_offer, data, message
):
    make_offer(donor)  # so that the form offers "your own post"
    client.force_login(donor)
    response = express(client, need, **data)
    assert response.status_code == 200
    assert message in BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert not Interest.objects.exists() and not OutgoingEmail.objects.exists()


def test_someone_elses_post_cannot_be_offered_as_ones_own(
    client, need, donor, make_user, make_offer
):
    make_offer(donor)
    stranger_offer = make_offer(make_user("stranger@example.org"))
    client.force_login(donor)
    response = express(client, need, sender_post=stranger_offer.pk)
    assert response.status_code == 200 and not Interest.objects.exists()


def test_who_may_express_interest(client, need, shelter, donor, make_user):
    url = f"{BOARD}needs/{need.pk}/interest/"
    assert client.get(url).status_code == 302  # log in first
    client.force_login(make_user("unverified@example.org", verified=False))
    assert express(client, need).status_code == 403
    client.force_login(shelter)
    response = express(client, need)  # one's own post
    assert response.status_code == 302 and response["Location"] == f"{BOARD}needs/{need.pk}/"
    assert not Interest.objects.exists()
    client.force_login(donor)
    express(client, need)
    again = express(client, need)
    assert again.status_code == 302 and Interest.objects.count() == 1
    need.set_status(Status.MATCHED)
    client.force_login(make_user("late@example.org"))
    assert express(client, need).status_code == 410


def test_the_owner_sees_messages_on_the_post_and_in_their_list(client, need, donor, shelter):
    client.force_login(donor)
    express(client, need)
    client.force_login(shelter)
    page = client.get(f"{BOARD}needs/{need.pk}/").content.decode()
    assert "Mekong Giving Fund" in page and "Waiting for an answer" in page
    mine = client.get(f"{BOARD}my-posts/").content.decode()
    assert "Mekong Giving Fund" in mine and need.title in mine
    account = client.get("/accounts/").content.decode()
    assert "1 message waits for your answer" in account
