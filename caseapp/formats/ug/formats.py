# Uyghur dates as the date phrases write them (caseapp/cases/dates.py): the year leads, the day
# carries a hyphen ("2019-يىلى 9-مارت"). Everything else (short dates, numbers grouped by a comma
# as CLDR has them) comes from Django's own ug formats. Format strings as in
# https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date
DATE_FORMAT = "Y-يىلى j-E"
DATETIME_FORMAT = "Y-يىلى j-E، H:i"
YEAR_MONTH_FORMAT = "Y-يىلى E"
MONTH_DAY_FORMAT = "j-E"
