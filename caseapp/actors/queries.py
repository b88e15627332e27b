"""The published actor public views start from: an actor page and an actor's feed look it up here,
so a draft or a record in review is never reachable through them.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from caseapp.actors.models import Actor


def get_published_actor(slug: str) -> Actor:
    """A published actor with their photo, or 404."""
    actor = Actor.objects.published().select_related("photo").filter(slug=slug).first()
    if actor is None:
        raise Http404(_("There is no published actor at this address."))
    return actor
