"""StreamField blocks shared by the portal's page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Rich-text features editors get in body text: no embeds (they would call third parties).
BODY_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"
        label = _("Section heading")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or an external address"), required=False)
    link_text = blocks.CharBlock(label=_("Link text"), max_length=80)

    class Meta:
        icon = "link"
        template = "core/blocks/call_to_action.html"
        label = _("Call to action")


class LazyImageBlock(ImageBlock):
    """An image for slow connections: a small srcset, loaded when scrolled into view, with its
    size reserved. Deconstructs as Wagtail's ImageBlock, so using it needs no migration."""

    class Meta:
        template = "core/blocks/image.html"


class StandardStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Paragraph"))
    image = LazyImageBlock(label=_("Image"))
    call_to_action = CallToActionBlock()
