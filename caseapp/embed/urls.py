from django.urls import path

from caseapp.embed import views

app_name = "embed"

urlpatterns = [
    path("embed/cases/<slug:slug>/", views.case_widget, name="case"),
    path("embed.js", views.loader, name="loader"),
    path("oembed/", views.oembed, name="oembed"),
]
