"""`make bench-newsletter`: send an edition to 20,000 synthetic subscribers through a local
aiosmtpd sink, and compare messages per second with a plain smtplib loop sending the same
messages over one connection to the same sink.

Everything runs against a throw-away SQLite database in a temporary directory (never the site's
database), and each measured phase runs in its own process so that its peak memory (max RSS)
is its own. Phases alternate (ours, plain, ours, ...) and medians are reported.

    python -m bench.newsletter [--subscribers 20000] [--rounds 3]
"""

import argparse
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def setup_django(port: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 30
    settings.NEWSLETTER_MAX_PER_SECOND = 0
    settings.NEWSLETTER_BATCH_SIZE = 100


def prepare(count: int, rounds: int) -> list[int]:
    """Migrate the scratch database; synthetic subscribers; one edition per round."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Locale

    from portal.countries.models import Country
    from portal.newsletter.models import Edition, EditionItem, Subscriber
    from portal.newsletter.sending import start_sending
    from portal.taxonomy.models import Topic

    call_command("migrate", verbosity=0)
    for code in ("en", "lo", "th"):
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code="en")
    # The country list comes with the migrations (ISO 3166 reference data).
    countries = list(Country.objects.filter(iso2__in=["LA", "TH", "KH", "VN", "MM"]))
    topics = [
        Topic.objects.create(name=s, slug=s, kind="theme", locale=english)
        for s in ("fishing", "children", "prosecution")
    ]
    languages = ["en", "en", "th", "lo"]
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n:05d}@bench.invalid",
            language=languages[n % 4],
            status=Subscriber.Status.SUBSCRIBED,
            confirmed_at=timezone.now(),
        )
        for n in range(count)
    )
    ids = list(Subscriber.objects.order_by("pk").values_list("pk", flat=True))
    country_links = Subscriber.countries.through
    topic_links = Subscriber.topics.through
    country_links.objects.bulk_create(
        country_links(subscriber_id=pk, country_id=countries[n % 5].pk)
        for n, pk in enumerate(ids)
        if n % 3 == 1
    )
    topic_links.objects.bulk_create(
        topic_links(subscriber_id=pk, topic_id=topics[n % 3].pk)
        for n, pk in enumerate(ids)
        if n % 3 == 2
    )
    editions = []
    for round_number in range(rounds):
        edition = Edition.objects.create(
            subject=f"Benchmark edition {round_number + 1}",
            intro="<p>A month of news about work against human trafficking.</p>" * 3,
        )
        for n in range(12):
            EditionItem.objects.create(
                edition=edition,
                sort_order=n,
                key=f"item-{n}",
                kind=["update", "event", "resource"][n % 3],
                title=f"Item {n}: a title of ordinary length for an update",
                url=f"/updates/item-{n}/",
                summary="Two sentences of summary. " * 6,
                published_at=timezone.now() - timedelta(days=n),
                countries=[countries[n % 5].iso2],
                topics=[topics[n % 3].slug],
                for_everyone=n % 4 == 0,
            )
        start_sending(edition)
        editions.append(edition.pk)
    return editions


def measure_ours(edition_id: int) -> dict:
    from portal.newsletter.models import Edition
    from portal.newsletter.sending import run

    started = time.perf_counter()
    result = run(edition_id)
    seconds = time.perf_counter() - started
    progress = Edition.objects.get(pk=edition_id).progress()
    return {"outcome": str(result.outcome), "messages": progress["sent"], "seconds": seconds}


def measure_plain(edition_id: int, port: int) -> dict:
    """The same messages, built beforehand (not timed), sent by a bare smtplib loop."""
    import smtplib

    from portal.newsletter.models import Edition
    from portal.newsletter.sending import MessageFactory, TopicSlugs, load_interests

    edition = Edition.objects.get(pk=edition_id)
    factory = MessageFactory(edition)
    deliveries = list(edition.deliveries.select_related("subscriber").order_by("pk"))
    interests = load_interests([d.subscriber_id for d in deliveries], TopicSlugs())
    messages = [
        (
            factory.envelope_from,
            d.subscriber.email,
            factory.build(d.subscriber, interests[d.subscriber_id], d.pk),
        )
        for d in deliveries
    ]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for sender, recipient, payload in messages:
            smtp.sendmail(sender, [recipient], payload)
    seconds = time.perf_counter() - started
    return {"messages": len(messages), "seconds": seconds}


def child(args: argparse.Namespace) -> None:
    setup_django(args.port)
    if args.phase == "prepare":
        result = {"editions": prepare(args.subscribers, args.rounds)}
    elif args.phase == "ours":
        result = measure_ours(args.edition)
    else:
        result = measure_plain(args.edition, args.port)
    # ru_maxrss is in kilobytes on Linux.
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps(result) + "\n")


def run_child(phase: str, env: dict, port: int, **extra) -> dict:
    command = [
        sys.executable,
        "-m",
        "bench.newsletter",
        "--phase",
        phase,
        "--port",
        str(port),
    ]
    for key, value in extra.items():
        command += [f"--{key}", str(value)]
    output = subprocess.run(  # noqa: S603 (our own interpreter and module)
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main(args: argparse.Namespace) -> None:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="newsletter-bench-") as scratch:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{scratch}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        }
        sink = subprocess.Popen(  # noqa: S603 (our own interpreter and aiosmtpd)
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-c",
                "aiosmtpd.handlers.Sink",
                "-l",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
        )
        try:
            _wait_for(port)
            say(f"Preparing {args.subscribers} synthetic subscribers in {scratch} ...")
            editions = run_child(
                "prepare", env, port, subscribers=args.subscribers, rounds=args.rounds
            )["editions"]
            ours, plain = [], []
            for round_number, edition in enumerate(editions, start=1):
                ours.append(run_child("ours", env, port, edition=edition))
                plain.append(run_child("plain", env, port, edition=edition))
                say(
                    f"round {round_number}: ours {rate(ours[-1]):.0f} msg/s "
                    f"({ours[-1]['messages']} sent, {ours[-1]['peak_rss_mb']:.0f} MB peak), "
                    f"plain smtplib {rate(plain[-1]):.0f} msg/s"
                )
        finally:
            sink.terminate()
            sink.wait()
    report(args, ours, plain)


def rate(result: dict) -> float:
    return result["messages"] / result["seconds"]


def report(args, ours: list[dict], plain: list[dict]) -> None:
    ours_rate = statistics.median(rate(r) for r in ours)
    plain_rate = statistics.median(rate(r) for r in plain)
    ratios = [rate(o) / rate(p) for o, p in zip(ours, plain, strict=True)]
    say("")
    say(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite"
    )
    say(f"Subscribers: {args.subscribers}; rounds: {args.rounds}; batch 100; no rate limit")
    say(f"Newsletter sending (claim, render, send, mark): median {ours_rate:.0f} msg/s")
    say(f"Plain smtplib loop, same messages, one connection: median {plain_rate:.0f} msg/s")
    say(f"Ratio (median of rounds): {statistics.median(ratios):.2f}")
    say(
        f"Peak memory of the sending process (max RSS): {peak(ours):.0f} MB "
        f"(plain loop holding all messages: {peak(plain):.0f} MB)"
    )


def peak(results: list[dict]) -> float:
    return statistics.median(r["peak_rss_mb"] for r in results)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the SMTP sink did not start")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--phase", choices=["prepare", "ours", "plain"])
    parser.add_argument("--port", type=int)
    parser.add_argument("--edition", type=int)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse()
    if arguments.phase:
        child(arguments)
    else:
        main(arguments)
