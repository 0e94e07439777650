"""Sign-in security: throttled authentication, the staff second factor, documents that follow
their pages.

- throttle: django-axes glue (real client address, the lockout page, logging every lockout).
- second_factor, middleware, views: django-otp's TOTP devices and recovery codes, mandatory for
  the groups in PORTAL_SECOND_FACTOR_GROUPS, re-verification before personal data leaves.
- documents: a document used only by unpublished or restricted pages is not served to readers.
- viewsets: lockouts listed and lifted in the admin.
"""
