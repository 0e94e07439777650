"""The vocabularies of the board: what is needed or offered, how urgently, and where a post is
in its life (status) and in moderation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostKind(models.TextChoices):
    NEED = "need", _("Need")
    OFFER = "offer", _("Offer")


class Category(models.TextChoices):
    FUNDING = "funding", _("Funding")
    VOLUNTEERS = "volunteers", _("Volunteers")
    LEGAL_AID = "legal-aid", _("Legal aid")
    COUNSELLING = "counselling", _("Counselling")
    INTERPRETING = "interpreting", _("Interpreting and translation")
    MEDICAL_CARE = "medical-care", _("Medical care")
    OTHER_SKILLS = "other-skills", _("Other professional skills")
    TRAINING = "training", _("Training")
    EQUIPMENT = "equipment", _("Equipment and supplies")
    SHELTER = "shelter", _("Shelter places")
    RESEARCH = "research", _("Research")
    OTHER = "other", _("Other")


# Professional skills are separate categories (an interpreter does not fill a need for a
# lawyer) but belong together: the forms group them, and matching counts them as related.
PROFESSIONAL_SKILLS = frozenset(
    {
        Category.LEGAL_AID,
        Category.COUNSELLING,
        Category.INTERPRETING,
        Category.MEDICAL_CARE,
        Category.OTHER_SKILLS,
    }
)


def grouped_category_choices() -> list:
    """Category choices for a select, with the professional skills in an <optgroup>."""
    choices: list = []
    skills: list = []
    for value, label in Category.choices:
        if value in PROFESSIONAL_SKILLS:
            if not skills:
                choices.append((_("Professional skills"), skills))
            skills.append((value, label))
        else:
            choices.append((value, label))
    return choices


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Not urgent")
    SOON = "soon", _("Needed soon")
    URGENT = "urgent", _("Urgent")


class OfferedBy(models.TextChoices):
    DONOR = "donor", _("Donor")
    VOLUNTEER = "volunteer", _("Volunteer")
    COMPANY = "company", _("Company")
    ORGANIZATION = "organization", _("Organisation")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    IN_DISCUSSION = "in-discussion", _("In discussion")
    MATCHED = "matched", _("Matched")
    FULFILLED = "fulfilled", _("Fulfilled")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


# open -> in discussion -> matched -> fulfilled, or withdrawn/expired on the way. Talks that
# come to nothing step back. An expired post opens again when its owner extends its date.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset(
        {Status.IN_DISCUSSION, Status.MATCHED, Status.WITHDRAWN, Status.EXPIRED}
    ),
    Status.IN_DISCUSSION: frozenset(
        {Status.OPEN, Status.MATCHED, Status.WITHDRAWN, Status.EXPIRED}
    ),
    Status.MATCHED: frozenset(
        {Status.IN_DISCUSSION, Status.FULFILLED, Status.WITHDRAWN, Status.EXPIRED}
    ),
    Status.FULFILLED: frozenset(),
    Status.WITHDRAWN: frozenset({Status.OPEN}),
    Status.EXPIRED: frozenset({Status.OPEN}),
}

# Statuses in which a post is still looking for a partner.
SEEKING_STATUSES = (Status.OPEN, Status.IN_DISCUSSION)
# Statuses that the daily expiry turns into "expired" once the date has passed. A matched post
# keeps its status (it leaves the board by date all the same), so that its owner can still
# record that the need was met.
EXPIRING_STATUSES = (Status.OPEN, Status.IN_DISCUSSION)


class Moderation(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes-requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")
