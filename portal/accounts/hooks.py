"""Extension point of the account page, so that accounts imports no other app.

ACCOUNT_PANELS_HOOK, "portal_account_panels": `fn(request) -> str | None`. The account page
renders each returned HTML fragment (a <section> with its own <h2>) in hook order; the needs
app lists the holder's posts and conversations there.
"""

ACCOUNT_PANELS_HOOK = "portal_account_panels"
