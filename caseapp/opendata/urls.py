from django.urls import path

from caseapp.opendata import views

app_name = "opendata"

urlpatterns = [
    path("cases/<slug:slug>/feed/", views.case_feed, name="case-feed"),
    path("cases/<slug:slug>/export.json", views.case_export_json, name="case-json"),
    path("cases/<slug:slug>/export.csv", views.case_export_csv, name="case-csv"),
    path("cases/<slug:slug>/timelinejs.json", views.case_timelinejs, name="case-timelinejs"),
    path("actors/<slug:slug>/feed/", views.actor_feed, name="actor-feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
]
