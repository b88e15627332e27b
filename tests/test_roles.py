"""The editorial roles: groups from the migration, and `manage.py grant_role`."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from caseapp.cases.models import Event
from caseapp.publishing import workflow
from caseapp.publishing.models import PublicationStatus
from tests.admin_forms import action_data, changelist_url
from tests.factories import make_event, make_source

pytestmark = pytest.mark.django_db
PUBLISH = {"cases.publish_case", "cases.publish_event", "actors.publish_actor"}


def grant(*args) -> str:
    out = io.StringIO()
    call_command("grant_role", *args, stdout=out)
    return out.getvalue()


def permissions_of(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_editors_edit_everything_but_publish_nothing():
    editors = permissions_of("Editors")
    assert {"cases.add_event", "cases.change_case", "actors.change_actor"} <= editors
    assert {"cases.add_citation", "cases.delete_participation", "cases.add_source"} <= editors
    assert not editors & PUBLISH


def test_publishers_edit_and_publish():
    assert permissions_of("Publishers") == permissions_of("Editors") | PUBLISH


def test_grant_role_makes_a_user_a_publisher_who_can_sign_in():
    alice = get_user_model().objects.create_user("alice")

    output = grant("alice", "publisher")

    alice = get_user_model().objects.get(pk=alice.pk)
    assert "alice is now a publisher" in output
    assert alice.is_staff
    assert alice.has_perm("cases.publish_event")


def test_grant_role_names_each_role_with_its_article():
    get_user_model().objects.create_user("alice")

    assert "alice is now an editor and can sign in to /admin/." in grant("alice", "editor")
    assert "alice is no longer an editor." in grant("alice", "editor", "--revoke")
    assert "alice is no longer a publisher." in grant("alice", "publisher", "--revoke")


def test_grant_role_revokes_a_role():
    alice = get_user_model().objects.create_user("alice")
    grant("alice", "publisher")

    grant("alice", "publisher", "--revoke")

    alice = get_user_model().objects.get(pk=alice.pk)
    assert not alice.has_perm("cases.publish_event")


def test_grant_role_makes_a_role_again_after_the_database_was_emptied():
    Group.objects.all().delete()
    get_user_model().objects.create_user("alice")

    grant("alice", "editor")

    assert permissions_of("Editors") == permissions_of_role("Editors")
    assert not get_user_model().objects.get(username="alice").has_perm("cases.publish_event")


def permissions_of_role(name: str) -> set[str]:
    return {f"{label}.{codename}" for label, codename in workflow.ROLE_PERMISSIONS[name]}


def test_the_migration_and_the_roles_agree():
    for name in ("Editors", "Publishers"):
        assert permissions_of(name) == permissions_of_role(name)


def test_grant_role_names_an_unknown_user():
    with pytest.raises(
        CommandError, match=r"No user 'nobody'\. Create one with manage\.py create_editor"
    ):
        grant("nobody", "editor")


def test_grant_role_names_the_roles_it_knows():
    get_user_model().objects.create_user("alice")
    with pytest.raises(CommandError, match="Unknown role 'admin': choose one of editor, publisher"):
        grant("alice", "admin")
    assert not get_user_model().objects.get(username="alice").groups.exists()


def test_it_checks_access(visitor, editor, publisher):
    event = make_event(publication_status=PublicationStatus.REVIEW, sources=[make_source()])
    for session in (visitor, editor):
        session.post(changelist_url(Event), action_data("publish", [event], confirmed=True))
        assert Event.objects.get(pk=event.pk).publication_status == PublicationStatus.REVIEW

    publisher.post(changelist_url(Event), action_data("publish", [event], confirmed=True))

    assert Event.objects.get(pk=event.pk).publication_status == PublicationStatus.PUBLISHED


def test_every_role_has_its_own_whole_sentences():
    """A role's name is never dropped into a sentence: each role has its own (articles and
    cases differ by language)."""
    from caseapp.publishing.management.commands.create_editor import CREATED
    from caseapp.publishing.management.commands.grant_role import GRANTED, REVOKED
    from caseapp.publishing.workflow import ROLES

    assert set(GRANTED) == set(REVOKED) == set(CREATED) == set(ROLES)
