from django.urls import path

from caseapp.embed import views
from caseapp.pagecache import public_embed

app_name = "embed"

urlpatterns = [
    path("embed/cases/<slug:slug>/", public_embed(views.case_widget), name="case"),
    path("embed.js", public_embed(views.loader), name="loader"),
    path("oembed/", public_embed(views.oembed), name="oembed"),
]
