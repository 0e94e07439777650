"""The synthetic corpus: SYNTHETIC DATA, NOT REAL CONTENT (see the package docstring)."""

import datetime
import itertools
import math
import random
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from portal.search import documents, fulltext
from portal.search.models import SearchFacetValue
from portal.standardpages.models import StandardPage


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH_DOMAIN = _words(
    "trafficking traffickers victims survivors labour forced exploitation recruitment debt "
    "bondage migrant workers fishing boats vessels factories garment domestic servitude "
    "brokers border smuggling police prosecution conviction investigation court shelter "
    "repatriation reintegration hotline children women men girls boys sexual commercial "
    "marriage brides agriculture construction plantations passports documents wages deception "
    "coercion abuse ministry government ngo report law policy protocol cooperation agreement "
    "mekong province district village community awareness training prevention protection "
    "partnership referral"
)
ENGLISH_COMMON = _words(
    "the of and to in a is that for on with as was by are be this from at or an have it not "
    "which were has their also more they been other these who its into after many most than "
    "some would about between during under while there through over such only where each "
    "people year years new first two three local national regional international work help "
    "support services case cases number data source sources said told found made including"
)
ENGLISH_RARE = _words(
    "anthropology bycatch transshipment indenture palimpsest quarantine cartography "
    "archipelago tamarind cassava lychee durian monsoon sandbank trawler longliner chandler "
    "stevedore notarised affidavit ombudsman subpoena extradition arbitration tribunal "
    "jurisprudence"
)
THAI = _words(
    "การ ค้า มนุษย์ แรงงาน บังคับ เรือ ประมง เด็ก ผู้หญิง เหยื่อ ผู้รอด ชีวิต ตำรวจ ศาล "
    "กฎหมาย รัฐบาล องค์กร ชายแดน นายหน้า หนี้ ค่าจ้าง เอกสาร หนังสือ เดินทาง โรงงาน เกษตร "
    "ก่อสร้าง บ้าน พักพิง สายด่วน ความ ร่วมมือ ป้องกัน คุ้มครอง ดำเนินคดี ส่ง กลับ ชุมชน "
    "หมู่บ้าน จังหวัด อำเภอ รายงาน ข้อมูล และ ของ ใน ที่ เป็น มี ได้ ให้ จาก กับ ว่า ไม่ จะ "
    "ถูก ซึ่ง เพื่อ โดย ปี คน ทำงาน ประเทศ ภูมิภาค แม่น้ำ โขง อาชญากรรม"
)
LAO = _words(
    "ການ ຄ້າ ມະນຸດ ແຮງງານ ບັງຄັບ ເຮືອ ຫາປາ ເດັກ ແມ່ຍິງ ຜູ້ເຄາະຮ້າຍ ຕຳຫຼວດ ສານ ກົດໝາຍ ລັດຖະບານ "
    "ອົງການ ຊາຍແດນ ນາຍໜ້າ ໜີ້ ຄ່າແຮງ ເອກະສານ ໂຮງງານ ກະສິກຳ ກໍ່ສ້າງ ບ້ານ ສາຍດ່ວນ ການຮ່ວມມື "
    "ປ້ອງກັນ ປົກປ້ອງ ຊຸມຊົນ ແຂວງ ເມືອງ ລາຍງານ ຂໍ້ມູນ ແລະ ຂອງ ໃນ ທີ່ ເປັນ ມີ ໄດ້ ໃຫ້ ຈາກ ກັບ "
    "ວ່າ ບໍ່ ຈະ ຖືກ ເພື່ອ ໂດຍ ປີ ຄົນ ເຮັດວຽກ ປະເທດ ພາກພື້ນ ແມ່ນ້ຳ ຂອງ"
)
COUNTRIES = ["la", "th", "kh", "mm", "vn", "cn", "my", "id", "ph", "us", "jp", "kr"]
TOPICS = [
    "forced-labour",
    "sexual-exploitation",
    "child-trafficking",
    "fishing",
    "domestic-work",
    "debt-bondage",
    "prosecution",
    "repatriation",
    "prevention",
    "forced-marriage",
    "construction",
    "agriculture",
    "online-scams",
    "organ-removal",
    "begging",
]
# (share of documents, median words, spread) per kind of content.
KINDS = [
    ("update", 0.40, 250, 0.5),
    ("event", 0.15, 120, 0.4),
    ("organisation", 0.15, 150, 0.5),
    ("resource", 0.25, 800, 0.8),
    ("profile", 0.05, 1500, 0.4),
]


def _zipf_weights(n: int) -> list[float]:
    """Cumulative Zipf weights (the rank-th word is 1/rank as frequent as the first)."""
    return list(itertools.accumulate(1 / (rank + 1) for rank in range(n)))


SYLLABLES = _words(
    "ba be bi bo bu ca ce co cu da de di do du fa fe fi fo ga ge go gu ha he hi ho la le li "
    "lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te "
    "ti to tu va ve vi vo wa we wi ya yo za zo ar er ir or ur an en in on un al el il ol st "
    "tr pl gr"
)
PSEUDO_WORDS = 20_000


def english_vocabulary(rng: random.Random) -> list[str]:
    """Words by rank: common words, the domain's words, then 20,000 invented words (the long
    tail real text has), with the rare real words placed deep in the tail."""
    known = set(ENGLISH_COMMON + ENGLISH_DOMAIN + ENGLISH_RARE)
    invented: list[str] = []
    while len(invented) < PSEUDO_WORDS:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in known:
            known.add(word)
            invented.append(word)
    tail = invented[:12_000] + ENGLISH_RARE + invented[12_000:]
    return ENGLISH_COMMON + ENGLISH_DOMAIN + tail


class TextGenerator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)  # noqa: S311 (synthetic text)
        english = english_vocabulary(random.Random(seed + 1))  # noqa: S311
        self.english = (english, _zipf_weights(len(english)))
        self.thai = (THAI, _zipf_weights(len(THAI)))
        self.lao = (LAO, _zipf_weights(len(LAO)))

    def sentence(self, vocabulary, spaced: bool) -> str:
        words, cumulative = vocabulary
        chosen = self.random.choices(words, cum_weights=cumulative, k=self.random.randint(6, 18))
        if spaced:
            return " ".join(chosen).capitalize() + "."
        # Thai and Lao: no spaces inside a phrase; a space between phrases.
        return " ".join("".join(chosen[i : i + 4]) for i in range(0, len(chosen), 4))

    def text(self, language: str, words: int) -> str:
        sentences, count = [], 0
        while count < words:
            kind = self.random.choice(["en", "en", "th", "lo"]) if language == "mixed" else language
            vocabulary = {"en": self.english, "th": self.thai, "lo": self.lao}[kind]
            sentence = self.sentence(vocabulary, spaced=kind == "en")
            sentences.append(sentence)
            count += sentence.count(" ") + (1 if kind == "en" else 4)
        return " ".join(sentences)


@dataclass
class SyntheticDoc:
    title: str
    language: str
    intro: str
    body: str
    date: datetime.datetime
    countries: list[str]
    topics: list[str]


def synthetic_docs(count: int, seed: int = 2026) -> Iterator[SyntheticDoc]:
    generator = TextGenerator(seed)
    rng = generator.random
    kinds = [k for k, *_ in KINDS]
    shares = [k[1] for k in KINDS]
    params = {k: (median, spread) for k, _share, median, spread in KINDS}
    languages = ["en", "th", "lo", "mixed"]
    language_shares = [0.60, 0.20, 0.15, 0.05]
    start = datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)
    for number in range(count):
        kind = rng.choices(kinds, shares)[0]
        language = rng.choices(languages, language_shares)[0]
        median, spread = params[kind]
        length = max(30, min(20000, int(rng.lognormvariate(math.log(median), spread))))
        title_words = generator.text(language if language != "mixed" else "en", 6)[:90]
        yield SyntheticDoc(
            title=f"[Synthetic] {kind} {number}: {title_words}",
            language="en" if language == "mixed" else language,
            intro=generator.text(language, 30),
            body=generator.text(language, length),
            date=start + datetime.timedelta(days=rng.randint(0, 25 * 365)),
            countries=rng.sample(COUNTRIES, rng.randint(0, 3)),
            topics=rng.sample(TOPICS, rng.randint(0, 3)),
        )


def _corpus_section(home: Page) -> Page:
    section = StandardPage(
        title="Synthetic benchmark corpus (generated text, not real content)",
        slug="synthetic-benchmark-corpus",
        intro="Generated for the search benchmark in a separate database. Not real content.",
    )
    home.add_child(instance=section)
    section.save_revision().publish()
    return Page.objects.get(pk=section.pk)


def build_corpus(
    count: int, batch_size: int, log: Callable[[str], None], wagtail_backend: bool = True
) -> dict:
    """Create `count` synthetic pages, index them, and return timings. Without
    `wagtail_backend` Wagtail's own database index (used by the database engine and the admin's
    search) is not filled: only the portal's documents and the embedded index."""
    from portal.home.site import ensure_site

    home = ensure_site()
    section = _corpus_section(home)
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    content_type = ContentType.objects.get_for_model(StandardPage)
    backend = get_search_backend()
    timings = {"create": 0.0, "backend": 0.0, "documents": 0.0}
    bulk = fulltext.BulkWriter()
    created = 0
    docs = synthetic_docs(count)
    while created < count:
        batch = [next(docs) for _ in range(min(batch_size, count - created))]
        started = time.perf_counter()
        with transaction.atomic():
            pages = []
            for offset, doc in enumerate(batch):
                number = created + offset + 1
                slug = f"doc-{number}"
                pages.append(
                    Page(
                        title=doc.title,
                        draft_title=doc.title,
                        slug=slug,
                        content_type=content_type,
                        path=section.path + _path_step(number),
                        depth=section.depth + 1,
                        numchild=0,
                        url_path=f"{section.url_path}{slug}/",
                        live=True,
                        first_published_at=doc.date,
                        last_published_at=doc.date,
                        locale=locales[doc.language],
                        translation_key=uuid.uuid4(),
                    )
                )
            Page.objects.bulk_create(pages)
            ids = list(
                Page.objects.filter(path__in=[p.path for p in pages])
                .order_by("path")
                .values_list("pk", flat=True)
            )
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO standardpages_standardpage (page_ptr_id, intro, body) "
                    "VALUES (%s, %s, %s)",
                    [
                        (pk, doc.intro[:600], _stream_json(doc.body))
                        for pk, doc in zip(ids, batch, strict=True)
                    ],
                )
        specific = list(StandardPage.objects.filter(pk__in=ids).select_related("locale"))
        by_pk = {p.pk: p for p in specific}
        timings["create"] += time.perf_counter() - started

        if wagtail_backend:
            started = time.perf_counter()
            backend.add_bulk(StandardPage, specific)
            timings["backend"] += time.perf_counter() - started

        started = time.perf_counter()
        data = []
        for pk, doc in zip(ids, batch, strict=True):
            item = documents.document_data(by_pk[pk])
            item.facets = {(SearchFacetValue.COUNTRY, c) for c in doc.countries} | {
                (SearchFacetValue.TOPIC, t) for t in doc.topics
            }
            data.append(item)
        documents.store_many(data, bulk)
        timings["documents"] += time.perf_counter() - started
        created += len(batch)
        if created % (batch_size * 20) == 0 or created == count:
            indexing = timings["backend"] + timings["documents"]
            log(f"  {created} documents; indexing {created / indexing:.0f} docs/s so far")
    started = time.perf_counter()
    bulk.close()  # the last commit, and merges finished
    timings["documents"] += time.perf_counter() - started
    Page.objects.filter(pk=section.pk).update(numchild=count)
    # Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) keep them on
    # a running site; without them both planners guess badly after a bulk load.
    with connection.cursor() as cursor:
        # VACUUM also moves PostgreSQL's GIN pending list into the index proper.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    if not Site.objects.exists():
        raise RuntimeError("no site")
    return timings


def _path_step(number: int) -> str:
    """Treebeard's path segment for the number-th child (base 36, four characters)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        digits = alphabet[digit] + digits
    return digits


def _stream_json(text: str) -> str:
    import json

    paragraphs = [text[i : i + 2000] for i in range(0, len(text), 2000)] or [""]
    return json.dumps(
        [{"type": "paragraph", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())} for p in paragraphs]
    )
