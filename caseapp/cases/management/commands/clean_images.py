from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from caseapp.cases import images
from caseapp.cases.models import Image


class Command(BaseCommand):
    help = (
        "Encode the images stored before uploads were cleaned afresh, as uploads now are: "
        "without EXIF (GPS position, camera serial), appended data or other metadata, upright, "
        "with their width and height recorded. The original file is deleted. Images already "
        "measured are left alone; a file that cannot be read is reported and left as it is."
    )

    def handle(self, *args, **options) -> None:
        cleaned = problems = 0
        for image in Image.objects.exclude(file="").filter(width__isnull=True).iterator():
            original = image.file.name
            try:
                with image.file.open("rb") as file:
                    clean = images.clean_image(file)
            except (ValidationError, OSError) as error:
                reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error
                self.stderr.write(f"{original}: left as it is ({reason})")
                problems += 1
                continue
            image.file.save(clean.file.name, clean.file, save=False)
            image.width, image.height = clean.width, clean.height
            image.save(update_fields=["file", "width", "height"])
            image.file.storage.delete(original)
            cleaned += 1
        self.stdout.write(f"Cleaned {cleaned} image(s); {problems} could not be read.")
