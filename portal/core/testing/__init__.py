"""Test helpers shared by every app's tests (real SMTP server, site tree, browser set-up)."""
