"""Helpers shared by every app's tests, kept out of the product apps: a real SMTP server
(smtp), database snapshots and the per-worker test database (snapshot, database), page
builders (build), HTML and accessibility checks (html, axe), staff sign-in (security), the
main pages (pages) and bad-input payloads (badinput)."""
