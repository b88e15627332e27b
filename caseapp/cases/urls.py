from django.urls import path

from caseapp.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("cases/<slug:slug>/", views.case_detail, name="case"),
    path("cases/<slug:case_slug>/events/<slug:slug>/", views.event_detail, name="event"),
    path(
        "cases/<slug:case_slug>/events/<slug:slug>/in-timeline/",
        views.event_in_timeline,
        name="event-in-timeline",
    ),
]
