from django.dispatch import Signal

# Sent after the mirror changed files: written=[paths], removed=[paths] (site-absolute URLs).
mirror_updated = Signal()
