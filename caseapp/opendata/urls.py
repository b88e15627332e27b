from django.urls import path

from caseapp.opendata import views
from caseapp.pagecache import public_embed

app_name = "opendata"

urlpatterns = [
    path("cases/<slug:slug>/feed/", public_embed(views.case_feed), name="case-feed"),
    path("cases/<slug:slug>/export.json", public_embed(views.case_export_json), name="case-json"),
    path("cases/<slug:slug>/export.csv", public_embed(views.case_export_csv), name="case-csv"),
    path(
        "cases/<slug:slug>/timelinejs.json",
        public_embed(views.case_timelinejs),
        name="case-timelinejs",
    ),
    path("actors/<slug:slug>/feed/", public_embed(views.actor_feed), name="actor-feed"),
    path("sitemap.xml", public_embed(views.sitemap), name="sitemap"),
    path("sitemap-<slug:section>.xml", public_embed(views.sitemap_section), name="sitemap-section"),
]
