"""What the mirror holds: one row per address, and the addresses each mirrored page links to.

The links are the mirror's own dependency graph: a page that links to another shows something
of it (its title, its summary, its place in a menu), so when that one changes or goes, the
pages linking to it are rewritten too (see dependencies.py)."""

from django.db import models

URL_LENGTH = 1000


class MirroredUrl(models.Model):
    class Status(models.TextChoices):
        WRITTEN = "written"
        # Rendered and found to be made for one reader (a form): never written; kept so that
        # links to it are not rendered again at every update.
        REFUSED = "refused"

    url = models.CharField(max_length=URL_LENGTH, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WRITTEN)
    # The file below PORTAL_MIRROR_ROOT (empty when refused).
    path = models.CharField(max_length=URL_LENGTH, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    # The Wagtail page that answered (not a foreign key: the row must outlive a deleted page
    # until its file is gone).
    page_id = models.IntegerField(null=True, blank=True, db_index=True)
    reason = models.CharField(max_length=200, blank=True)
    written_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mirrored address"

    def __str__(self) -> str:
        return self.url


class MirrorLink(models.Model):
    source = models.ForeignKey(MirroredUrl, on_delete=models.CASCADE, related_name="links")
    target = models.CharField(max_length=URL_LENGTH, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="mirror_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source.url} -> {self.target}"
