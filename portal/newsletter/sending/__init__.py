"""Sending an edition: one Delivery row per (edition, subscriber), batches over one SMTP
connection, a rate limit, and runs that can die at any moment without anyone getting the
edition twice.

How a row moves: pending -> claimed (a run took it in a batch) -> sending (written just before
its SMTP transaction) -> sent (written right after the server accepted it, in the same statement
that marks the next row "sending"). One run at a time holds an edition (a lease with a
heartbeat, lease.py). A run that finds the lease of a dead run takes over: rows that run had
claimed but not started go back to pending; a row it had marked "sending" may or may not have
been delivered, so it becomes "uncertain" and is not sent again automatically (staff can choose
to send those again). At most one row per crash is uncertain.
"""

from .engine import Outcome, RunResult, resend_uncertain, run, start_sending
from .messages import MessageFactory, TopicSlugs, load_interests
from .pacing import Pacer

__all__ = [
    "MessageFactory",
    "Outcome",
    "Pacer",
    "RunResult",
    "TopicSlugs",
    "load_interests",
    "resend_uncertain",
    "run",
    "start_sending",
]
