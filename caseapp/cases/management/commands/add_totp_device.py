import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give an editor an authenticator-app device for two-factor sign-in and print the "
        "QR code to scan. The editor's next admin sign-in asks for its six-digit code."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator app", help="Name of the device.")
        parser.add_argument(
            "--replace", action="store_true", help="Remove the editor's other TOTP devices."
        )

    def handle(self, *args, username: str, name: str, replace: bool, **options) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        code = qrcode.QRCode(border=1)
        code.add_data(device.config_url)
        picture = io.StringIO()
        code.print_ascii(out=picture, invert=True)
        self.stdout.write(picture.getvalue())
        self.stdout.write(
            f"Scan this with {username}'s authenticator app, or enter this address in it:\n"
            f"{device.config_url}\n"
            "Show it to nobody else; run the command again with --replace if it leaks."
        )
