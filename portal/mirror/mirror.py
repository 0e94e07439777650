"""Keeping the mirror: render addresses through portal.core.rendering.SiteRenderer (the
renderer of the offline copy too) and write, rewrite or remove their files.

A file is written only when its bytes changed, so an address rendered again because it might
have changed keeps its file (and modification time) when it did not."""

import hashlib
import logging
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from portal.core.rendering import RenderError, SiteRenderer, file_path_for_url

from . import addresses, storage
from .models import MirroredUrl, MirrorLink
from .signals import mirror_updated

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# An update follows links to addresses the mirror does not hold yet (a new topic page, a new
# country listing), up to this many: more means the mirror was never built (rebuild_mirror).
NEW_LINKS_PER_UPDATE = 200


@dataclass
class MirrorResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "written": sorted(self.written),
            "unchanged": sorted(self.unchanged),
            "removed": sorted(self.removed),
            "refused": sorted(self.refused),
        }


def _is_public(page_id: int | None) -> bool:
    if page_id is None:
        return True
    return Page.objects.filter(pk=page_id).live().public().exists()


class Mirror:
    def __init__(self, root: Path | None = None, site: Site | None = None) -> None:
        self.root = Path(root) if root is not None else storage.root()
        self._site = site
        self._renderer: SiteRenderer | None = None

    @property
    def renderer(self) -> SiteRenderer:
        if self._renderer is None:  # no Site on an empty database: nothing to render then
            self._renderer = SiteRenderer(self._site)
        return self._renderer

    @property
    def built(self) -> bool:
        return (self.root / storage.MARKER).exists()

    # Removing ---------------------------------------------------------------------------------

    def remove(self, urls: Iterable[str], result: MirrorResult | None = None) -> MirrorResult:
        """Take addresses out of the mirror at once (files first, then the records)."""
        result = result or MirrorResult()
        entries = list(MirroredUrl.objects.filter(url__in=set(urls)))
        for entry in entries:
            storage.remove(self.root, entry.path)
            if entry.status == MirroredUrl.Status.WRITTEN:
                result.removed.append(entry.url)
        MirroredUrl.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
        return result

    # Writing ----------------------------------------------------------------------------------

    def refresh(
        self,
        urls: Iterable[str],
        *,
        follow_links: bool | None = None,
        progress: Progress | None = None,
    ) -> MirrorResult:
        """Render each address again and write, keep or remove its file. New addresses that
        the rendered pages link to are added (follow_links: by default when the mirror was
        built, at most NEW_LINKS_PER_UPDATE; without limit during a rebuild)."""
        result = MirrorResult()
        if not Site.objects.filter(is_default_site=True).exists():
            self.remove(MirroredUrl.objects.values_list("url", flat=True), result)
            return result
        follow = self.built if follow_links is None else follow_links
        budget = None if follow_links else NEW_LINKS_PER_UPDATE
        queue = deque(dict.fromkeys(urls))
        seen = set(queue)
        # An update leaves addresses already mirrored to their own updates; a rebuild follows
        # every link, or what only links reach (topics, regions, downloads) would count as not
        # reached and be removed by the second rebuild.
        rebuilding = bool(follow_links)
        known = (
            set(MirroredUrl.objects.values_list("url", flat=True))
            if follow and not rebuilding
            else set()
        )
        while queue:
            url = queue.popleft()
            found = self.refresh_one(url, result)
            if progress:
                progress(len(seen) - len(queue), len(seen))
            if not follow:
                continue
            for link in sorted(found):
                if link in seen or link in known or not addresses.is_mirrorable(link):
                    continue
                if budget is not None:
                    if budget == 0:
                        break
                    budget -= 1
                seen.add(link)
                queue.append(link)
        if result.written or result.removed:
            mirror_updated.send(sender=None, written=result.written, removed=result.removed)
        return result

    def refresh_one(self, url: str, result: MirrorResult) -> set[str]:
        """Render one address; returns the addresses its page links to."""
        if not addresses.is_mirrorable(url):
            self.remove([url], result)
            return set()
        try:
            rendered = self.renderer.render(url)
        except RenderError:
            self.remove([url], result)  # gone, moved, private (a redirect to log in)
            return set()
        reason = rendered.not_shareable_reason()
        if reason is None and not _is_public(rendered.page_id):
            reason = "not a public page"
        if reason:
            self.remove([url], result)
            MirroredUrl.objects.update_or_create(
                url=url,
                defaults={"status": MirroredUrl.Status.REFUSED, "path": "", "reason": reason[:200]},
            )
            result.refused.append(url)
            return set()
        relative = file_path_for_url(url, rendered.media_type)
        digest = hashlib.sha256(rendered.body).hexdigest()
        entry = MirroredUrl.objects.filter(url=url).first()
        destination = self.root.joinpath(*relative.parts)
        if (
            entry is not None
            and entry.status == MirroredUrl.Status.WRITTEN
            and entry.sha256 == digest
            and entry.path == str(relative)
            and destination.exists()
        ):
            result.unchanged.append(url)
        else:
            if entry is not None and entry.path and entry.path != str(relative):
                storage.remove(self.root, entry.path)
            storage.write(self.root, relative, rendered.body)
            result.written.append(url)
        found = (
            addresses.links_in(rendered.body.decode(errors="replace"), url, self.hosts)
            if rendered.is_html
            else set()
        )
        with transaction.atomic():
            entry, _created = MirroredUrl.objects.update_or_create(
                url=url,
                defaults={
                    "status": MirroredUrl.Status.WRITTEN,
                    "path": str(relative),
                    "media_type": rendered.media_type,
                    "sha256": digest,
                    "page_id": rendered.page_id,
                    "reason": "",
                },
            )
            self.save_links(entry, found)
        return found

    @property
    def hosts(self) -> set[str]:
        return addresses.site_hosts(self.renderer.site)

    def save_links(self, entry: MirroredUrl, found: set[str]) -> None:
        targets = {link for link in found if addresses.is_mirrorable(link) and link != entry.url}
        existing = set(entry.links.values_list("target", flat=True))
        if existing != targets:
            entry.links.exclude(target__in=targets).delete()
            MirrorLink.objects.bulk_create(
                [MirrorLink(source=entry, target=target) for target in targets - existing]
            )

    # Rebuilding -------------------------------------------------------------------------------

    def rebuild(self, progress: Progress | None = None) -> MirrorResult:
        """Render everything again from the published site, and remove what is no longer in
        it: records of addresses not reached, and files on disk that no record names."""
        self.root.mkdir(parents=True, exist_ok=True)
        if Site.objects.filter(is_default_site=True).exists():
            seeds = addresses.seed_urls(self.renderer.site)
        else:
            seeds = []
        result = self.refresh(seeds, follow_links=True, progress=progress)
        reached = set(result.written) | set(result.unchanged) | set(result.refused)
        stale = MirroredUrl.objects.exclude(url__in=reached).values_list("url", flat=True)
        self.remove(list(stale), result)
        named = set(
            MirroredUrl.objects.filter(status=MirroredUrl.Status.WRITTEN).values_list(
                "path", flat=True
            )
        )
        for relative in storage.files_on_disk(self.root) - named:
            storage.remove(self.root, relative)
            logger.info("Removed a file no page is mirrored to: %s", relative)
        (self.root / storage.MARKER).write_text("made by manage.py rebuild_mirror\n")
        return result
