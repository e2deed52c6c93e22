"""Day, short month, year and a 24-hour clock: "7 Dec 2026, 09:05".

Day-month order and a 24-hour clock read the same in every English-speaking
country; Django's US default ("Dec. 7, 2026, 9:05 a.m.") does not, and is
longer in a list column. The year stays in, so an old comment or draft is
never taken for this year's. Input formats are left to Django (the desk's
date fields take 2026-12-07 and 09:05).
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
# The admin's date hierarchy: "December 2026", then "7 December".
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
