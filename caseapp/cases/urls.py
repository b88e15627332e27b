from django.urls import path

from caseapp.cases import views
from caseapp.pagecache import public_page

app_name = "cases"

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("timeline/", public_page(views.timeline), name="timeline"),
    path("cases/<slug:slug>/", public_page(views.case_detail), name="case"),
    path(
        "cases/<slug:case_slug>/events/<slug:slug>/", public_page(views.event_detail), name="event"
    ),
    path("cases/<slug:slug>/sources/", public_page(views.case_sources), name="case-sources"),
    path("sources/<slug:slug>/", public_page(views.source_detail), name="source"),
    path(
        "cases/<slug:case_slug>/events/<slug:slug>/in-timeline/",
        views.event_in_timeline,
        name="event-in-timeline",
    ),
]
