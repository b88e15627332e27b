import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseapp.settings")

from caseapp.outages import refuse_missing_sqlite_file

# Only when serving: `manage.py migrate` must still be able to create the SQLite file.
refuse_missing_sqlite_file()
application = get_wsgi_application()
