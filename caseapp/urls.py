from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from caseapp import views
from caseapp.pagecache import public_embed

urlpatterns = [
    path("robots.txt", public_embed(views.robots_txt), name="robots"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("preview/", include("caseapp.cases.preview_urls")),
]
# The pages people read, in each language: English at today's addresses, the others under
# /de/, /ru/, /kk/, /ug/ (caseapp/i18n.py). Feeds, exports, the sitemap and the widget stay
# where they are, for everyone (the widget takes ?lang=).
urlpatterns += i18n_patterns(
    path("", include("caseapp.cases.urls")),
    path("", include("caseapp.actors.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    path("", include("caseapp.opendata.urls")),
    path("", include("caseapp.embed.urls")),
]

# A database that does not answer is a 503 "briefly unavailable", not the 500 page of a bug.
handler500 = "caseapp.outages.server_error"
# A form over the size limits is a 413 page saying which limit and what to do, not a bare 400.
handler400 = "caseapp.admin_saving.request_too_large"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
