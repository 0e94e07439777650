from .board import NeedsBoardPage
from .interests import Interest
from .kinds import Need, Offer
from .posts import InvalidTransition, Post, PostQuerySet

__all__ = [
    "Interest",
    "InvalidTransition",
    "Need",
    "NeedsBoardPage",
    "Offer",
    "Post",
    "PostQuerySet",
]
