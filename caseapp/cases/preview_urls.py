from django.urls import path

from caseapp.cases import preview

app_name = "preview"

urlpatterns = [
    path("cases/<int:pk>/", preview.case_preview, name="case"),
    path("events/<int:pk>/", preview.event_preview, name="event"),
]
