from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from .models import Subscriber
from .permissions import NoAddPermissionPolicy
from .viewsets import BounceViewSet, EditionViewSet, SubscriberViewSet

register_permission_policy(Subscriber, NoAddPermissionPolicy(Subscriber))


class NewsletterViewSetGroup(ViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    items = (EditionViewSet, SubscriberViewSet, BounceViewSet)


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()
