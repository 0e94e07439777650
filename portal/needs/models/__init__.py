from .board import NeedsBoardPage
from .interests import Interest
from .posts import InvalidTransition, Need, Offer, Post, PostQuerySet

__all__ = [
    "Interest",
    "InvalidTransition",
    "Need",
    "NeedsBoardPage",
    "Offer",
    "Post",
    "PostQuerySet",
]
