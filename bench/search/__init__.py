"""The search benchmark's synthetic corpus and fixed queries (`make bench-search`).

SYNTHETIC DATA, NOT REAL CONTENT: every document is generated from word lists, titled
"[Synthetic] …", and created under a section page that says so, in a separate benchmark database
(never the site's). Lengths follow the portal's content mix: short events and organisation
entries, news-length updates, long resources (the text of their PDFs) and country profiles.
Words are drawn with a Zipf-like distribution, so common words are very common and rare words
rare, as in real text; about 60 % of documents are English, 20 % Thai, 15 % Lao and 5 % mixed.
"""
