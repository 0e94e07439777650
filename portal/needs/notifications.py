"""Every email the board sends, in the recipient's language, through the outbox.

Links lead to the recipient's language edition of the board. No message to one party carries
the other party's email address, except the one sent when both agreed to connect.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from portal.accounts.emails import email_user, language_for
from portal.accounts.models import profile_for

from .models import Interest, NeedsBoardPage, Post
from .permissions import NEEDS_MODERATORS


def _board(language: str) -> NeedsBoardPage | None:
    return NeedsBoardPage.for_language(language)


def _post_paths(post: Post, language: str) -> dict[str, str]:
    board = _board(language)
    if board is None:
        return {"post_path": "", "edit_path": "", "my_posts_path": ""}
    with translation.override(language):
        return {
            "post_path": board.url_for_post(post),
            "edit_path": board.url_for_post(post, "edit"),
            "my_posts_path": board.url_for("my_posts"),
        }


def _send(user, template: str, context: dict, purpose: str, post: Post) -> None:
    email_user(
        user,
        template=f"needs/emails/{template}",
        context={"post": post.specific, **_post_paths(post, language_for(user)), **context},
        purpose=f"needs.{purpose}",
        reference=f"needs-post:{post.pk}",
    )


def moderators():
    """Active members of the Needs moderators group (and superusers), with an address."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=NEEDS_MODERATORS) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
    )


def post_submitted(post: Post) -> None:
    admin_path = reverse(f"needs_{post.kind}:review", args=[post.pk])
    for moderator in moderators():
        _send(moderator, "submitted", {"review_path": admin_path}, "submitted", post)


def post_approved(post: Post) -> None:
    _send(post.owner, "approved", {}, "approved", post)


def post_rejected(post: Post) -> None:
    _send(post.owner, "rejected", {"reason": post.moderation_note}, "rejected", post)


def changes_requested(post: Post) -> None:
    _send(post.owner, "changes_requested", {"note": post.moderation_note}, "changes", post)


def post_expired(post: Post) -> None:
    _send(post.owner, "expired", {}, "expired", post)


def _connection_path(interest: Interest, user) -> str:
    board = _board(language_for(user))
    if board is None:
        return ""
    with translation.override(language_for(user)):
        return board.url_for("connection", interest.pk)


def _party_context(interest: Interest, user) -> dict:
    other = interest.other_party(user)
    return {
        "interest": interest,
        "other_profile": profile_for(other),
        "connection_path": _connection_path(interest, user),
    }


def interest_relayed(interest: Interest) -> None:
    """The first message, to the post's owner: the sender's public profile and words only."""
    recipient = interest.post.owner
    context = _party_context(interest, recipient)
    if interest.sender_post_id:
        context["sender_post"] = interest.sender_post.specific
        context["sender_post_path"] = _post_paths(interest.sender_post, language_for(recipient))[
            "post_path"
        ]
    _send(recipient, "interest", context, "interest", interest.post)
    _send(
        interest.sender,
        "interest_sent",
        _party_context(interest, interest.sender),
        "interest_sent",
        interest.post,
    )


def consent_given(interest: Interest, by) -> None:
    """One side agreed; the other is asked whether they agree too."""
    other = interest.other_party(by)
    _send(other, "consent_requested", _party_context(interest, other), "consent", interest.post)


def connected(interest: Interest) -> None:
    """Both agreed: each receives the other's contact details."""
    for user in (interest.sender, interest.post.owner):
        other = interest.other_party(user)
        context = {**_party_context(interest, user), "other_email": other.email}
        _send(user, "connected", context, "connected", interest.post)


def declined(interest: Interest, by) -> None:
    other = interest.other_party(by)
    _send(other, "declined", _party_context(interest, other), "declined", interest.post)
