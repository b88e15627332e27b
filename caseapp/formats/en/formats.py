# Dates as the public site writes them ("27 November 2026"), times on the 24-hour clock, in
# the admin and wherever else Django formats a date without being told how. Format strings
# as in https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
# Counts in sentences ("1234 events", "Page 3 of 2000") as English pages have always shown them;
# other languages group them as they group numbers (caseapp/localised.py).
COUNTS_GROUPED = False
