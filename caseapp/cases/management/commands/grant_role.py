from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError

from caseapp.cases.workflow import ROLES, role_group


class Command(BaseCommand):
    help = (
        "Give a user an editorial role: an editor writes drafts and submits them for review; "
        "a publisher also publishes and unpublishes. The user can then sign in to /admin/."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help=f"One of: {', '.join(ROLES)}.")
        parser.add_argument(
            "--revoke", action="store_true", help="Take the role away instead of giving it."
        )

    def handle(self, *args, username: str, role: str, revoke: bool, **options) -> None:
        role = role.lower()
        if role not in ROLES:
            raise CommandError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(
                f"No user {username!r}. Create one first: manage.py createsuperuser, or in "
                "admin under Users."
            ) from None
        try:
            group = role_group(role)
        except Permission.DoesNotExist:
            raise CommandError("Permissions are missing: run manage.py migrate.") from None

        if revoke:
            user.groups.remove(group)
            self.stdout.write(f"{username} is no longer a {role}.")
            return
        user.groups.add(group)
        # Admin lets in staff only; a role without it would be no use.
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        self.stdout.write(f"{username} is now a {role} and can sign in to /admin/.")
