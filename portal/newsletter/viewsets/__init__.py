from .editions import EditionViewSet
from .subscribers import BounceViewSet, SubscriberViewSet

__all__ = ["BounceViewSet", "EditionViewSet", "SubscriberViewSet"]
