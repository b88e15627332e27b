from django.urls import path

from caseapp.actors import views

app_name = "actors"

urlpatterns = [
    path("actors/", views.directory, name="directory"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
]
