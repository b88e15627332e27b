from django.urls import path

from caseapp.actors import views
from caseapp.pagecache import public_page

app_name = "actors"

urlpatterns = [
    path("actors/", public_page(views.directory), name="directory"),
    path("actors/<slug:slug>/", public_page(views.actor_detail), name="actor"),
]
