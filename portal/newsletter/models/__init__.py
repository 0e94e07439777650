from .editions import Delivery, Edition, EditionItem, EditionTranslation
from .pages import NewsletterPage
from .subscribers import Bounce, Subscriber

__all__ = [
    "Bounce",
    "Delivery",
    "Edition",
    "EditionItem",
    "EditionTranslation",
    "NewsletterPage",
    "Subscriber",
]
