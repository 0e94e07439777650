"""Date and number formats for languages Django has none for (settings.FORMAT_MODULE_PATH).

Django ships formats for Thai (`django.conf.locale.th`: "28 พฤศจิกายน 2026") but none for Lao, so a
Lao page would write dates the English way ("Nov. 28, 2026"). The month and weekday names are not
here: Django takes them from the catalogue (its msgids "November", "abbrev. month|Nov."), and the
portal's Lao catalogue translates them (see calendar_names.py).

Years are Gregorian in both languages. Thai official documents often count in the Buddhist era
(2026 is 2569 BE), but the portal's figures, report years and citations are Gregorian, and one
page mixing "2569" in its dates with "2026" in its tables would mislead; Lao PDR uses the
Gregorian calendar.
"""
