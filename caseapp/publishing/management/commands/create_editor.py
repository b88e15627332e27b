import getpass
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseapp.publishing.management.commands.grant_role import give_role, known_role
from caseapp.publishing.workflow import ROLES

# Where `--no-input` reads the new account's password, for scripts: never on the command line,
# where other users of the server could read it in the process list.
PASSWORD_VARIABLE = "CASEFILE_NEW_PASSWORD"
# The first line of the report, a whole sentence per role; %(user)s is the username.
CREATED = {
    "editor": gettext_lazy("Created %(user)s, an editor."),
    "publisher": gettext_lazy("Created %(user)s, a publisher."),
}
# Typing the password wrong this many times in a row gives up, creating nothing.
_ATTEMPTS = 3


class Command(BaseCommand):
    help = (
        "Create a staff account for an editor or a publisher, asking for its password twice. "
        "The account is no superuser: it may do what its role allows, nothing more. "
        f"With --no-input the password is read from the {PASSWORD_VARIABLE} environment "
        "variable instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role", required=True, help=f"One of: {', '.join(ROLES)}.", metavar="ROLE"
        )
        parser.add_argument("--email", default="", help="The editor's email address.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing: read the password from {PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, username: str, role: str, email: str, interactive: bool, **options):
        role = known_role(role)
        User = get_user_model()
        user = User(**{User.USERNAME_FIELD: username}, email=User.objects.normalize_email(email))
        self._check_new_account(User, user)
        password = self._ask_password(user) if interactive else self._given_password(user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            give_role(user, role)
        self.stdout.write(self._next_steps(username, role))

    def _check_new_account(self, User, user) -> None:
        username = user.get_username()
        # "Alice" beside "alice" would be two accounts that people take for one.
        taken = User.objects.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).first()
        if taken is not None:
            raise CommandError(
                _(
                    "There is already a user %(username)r. To give them a role, run "
                    "manage.py grant_role %(username)s editor (or publisher)."
                )
                % {"username": taken.get_username()}
            )
        try:
            User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
            if user.email:
                validate_email(user.email)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def _ask_password(self, user) -> str:
        for _attempt in range(_ATTEMPTS):
            try:
                password = getpass.getpass(_("Password: "))
                again = getpass.getpass(_("Password (again): "))
            except (EOFError, KeyboardInterrupt):
                raise CommandError(_("Cancelled: no account was created.")) from None
            if password != again:
                self.stderr.write(_("The two passwords did not match. Try again."))
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            return password
        raise CommandError(
            _("No acceptable password after %(count)d attempts: no account was created.")
            % {"count": _ATTEMPTS}
        )

    def _given_password(self, user) -> str:
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(
                _(
                    "With --no-input, put the password in the %(variable)s environment "
                    "variable: no account was created."
                )
                % {"variable": PASSWORD_VARIABLE}
            )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password

    def _next_steps(self, username: str, role: str) -> str:
        lines = [
            CREATED[role] % {"user": username},
            _("Next steps:"),
            _(
                "  1. Give %(user)s an authenticator app for two-factor sign-in: run "
                "manage.py add_totp_device %(user)s and let them scan the QR code it prints."
            )
            % {"user": username},
            _(
                "  2. %(user)s signs in at /admin/ with the username, the password and the "
                "six-digit code from the app."
            )
            % {"user": username},
        ]
        if not settings.ADMIN_REQUIRE_2FA:
            lines.append(
                _(
                    "Two-factor sign-in is off on this server (ADMIN_REQUIRE_2FA), so the code "
                    "is not asked for here; it is wherever it is on, as in production."
                )
            )
        return "\n".join(str(line) for line in lines)
