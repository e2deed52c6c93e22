"""How the blog writes dates and times, for Django's ``FORMAT_MODULE_PATH``.

One date-with-time format and one date-alone format for every page: Django's
admin columns and read-only fields, ``|date:"DATETIME_FORMAT"`` in templates,
``formats.date_format`` in code, and ``core.dates.moment`` all read them from
here (``en/formats.py``), so the desk cannot drift back to three styles. The
blog's time zone is applied before formatting (``SiteTimezoneMiddleware``).
Readers' pages that want another wording ("6 December 2026") say so in their
own templates. Decision 0050.
"""
