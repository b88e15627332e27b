from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseapp.publishing.workflow import ROLES, role_group

# What the command says, a whole sentence per role (a role's name takes different articles
# and cases in different languages), %(user)s the username.
GRANTED = {
    "editor": gettext_lazy("%(user)s is now an editor and can sign in to /admin/."),
    "publisher": gettext_lazy("%(user)s is now a publisher and can sign in to /admin/."),
}
REVOKED = {
    "editor": gettext_lazy("%(user)s is no longer an editor."),
    "publisher": gettext_lazy("%(user)s is no longer a publisher."),
}


def known_role(role: str) -> str:
    """The role name as `ROLES` spells it; CommandError naming the roles for any other."""
    if role.lower() not in ROLES:
        raise CommandError(
            _("Unknown role %(role)r: choose one of %(roles)s.")
            % {"role": role, "roles": ", ".join(ROLES)}
        )
    return role.lower()


def give_role(user, role: str) -> None:
    """Put `user` in the role's group, as staff so that admin lets them in."""
    try:
        group = role_group(role)
    except Permission.DoesNotExist:
        raise CommandError(_("Permissions are missing: run manage.py migrate.")) from None
    user.groups.add(group)
    # Admin lets in staff only; a role without it would be no use.
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


class Command(BaseCommand):
    help = (
        "Give a user an editorial role: an editor writes drafts and submits them for review; "
        "a publisher also publishes and unpublishes. The user can then sign in to /admin/. "
        "To create a new account with a role, use create_editor."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help=f"One of: {', '.join(ROLES)}.")
        parser.add_argument(
            "--revoke", action="store_true", help="Take the role away instead of giving it."
        )

    def handle(self, *args, username: str, role: str, revoke: bool, **options) -> None:
        role = known_role(role)
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(
                _(
                    "No user %(username)r. Create one with manage.py create_editor %(username)s "
                    "--role %(role)s, or in admin under Users."
                )
                % {"username": username, "role": role}
            ) from None
        if revoke:
            try:
                user.groups.remove(role_group(role))
            except Permission.DoesNotExist:
                raise CommandError(_("Permissions are missing: run manage.py migrate.")) from None
            self.stdout.write(REVOKED[role] % {"user": username})
            return
        give_role(user, role)
        self.stdout.write(GRANTED[role] % {"user": username})
