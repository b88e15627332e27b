"""Uploaded pictures, checked and made safe to publish.

Photos of people at risk must not tell where or with what they were taken: every upload is
decoded whole by Pillow (so a file that only starts like an image is refused) within a size
and a pixel limit (so a small file cannot unpack into gigabytes), turned upright by its EXIF
orientation, and encoded afresh in its own format from the pixels alone. What rides along in
the original — EXIF (GPS position, camera serial numbers, times), XMP, text chunks, colour
profiles, anything appended after the image data — is not copied, and the stored file gets a
random name, since a camera's name for a file is its date and time.
"""

import io
import secrets
import warnings
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as Pillow
from PIL import ImageOps

MAX_PIXELS = 40_000_000
MAX_BYTES = 10 * 1024 * 1024
# Pillow's formats we accept, each with its file extension and how it is written again.
# No GIF: photos and documents need none, and an animation would lose all but its first frame.
FORMATS = {
    "JPEG": ("jpg", {"quality": 90, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 90}),
}
# Of what Pillow reads besides the pixels, only what is needed to draw them again.
_KEPT_INFO = {"transparency"}

# Pillow refuses (DecompressionBombError) at twice this and warns beyond it; we refuse beyond it.
Pillow.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile
    width: int
    height: int


def _refusal(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_image")


def _decoded(file: File) -> Pillow.Image:
    """The image in `file`, decoded whole, or a ValidationError saying what is wrong with it."""
    if file.size is not None and file.size > MAX_BYTES:
        raise _refusal(
            _("This file is {size}; images may be at most {limit}.").format(
                size=filesizeformat(file.size), limit=filesizeformat(MAX_BYTES)
            )
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            image = Pillow.open(file)
            too_large = image.width * image.height > MAX_PIXELS
            if not too_large:
                image.load()
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning):
        too_large = True
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise _refusal(
            _("This file is not an image that can be read ({error}).").format(error=error)
        ) from error
    if too_large:
        raise _refusal(
            _(
                "This image has more than {limit} million pixels; please upload a smaller one."
            ).format(limit=MAX_PIXELS // 1_000_000)
        )
    if not image.format:
        raise _refusal(_("Images must be JPEG, PNG or WebP; this one is of an unknown kind."))
    if image.format not in FORMATS:
        raise _refusal(
            # Translators: {format} is the name of an image format, such as GIF or TIFF.
            _("Images must be JPEG, PNG or WebP; this one is {format}.").format(format=image.format)
        )
    if getattr(image, "n_frames", 1) > 1:
        raise _refusal(_("Animated images are not accepted; please upload a still picture."))
    return image


class ImageUploadField(forms.ImageField):
    """The form field of a `PictureField`: says which limit an upload is over, where Django's
    own would only call a too large image invalid."""

    def to_python(self, data):
        if data not in self.empty_values:
            _decoded(data)
            data.seek(0)
        return super().to_python(data)


class PictureField(models.ImageField):
    """An image field whose uploads are checked in the form; `clean_image` encodes them on save."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})


def clean_image(file: File) -> CleanImage:
    """The picture in `file` encoded afresh, upright, with no metadata and nothing appended."""
    image = _decoded(file)
    image_format = image.format
    extension, options = FORMATS[image_format]
    upright = ImageOps.exif_transpose(image)
    upright.info = {key: value for key, value in image.info.items() if key in _KEPT_INFO}
    encoded = io.BytesIO()
    upright.save(encoded, format=image_format, **options)
    name = f"{secrets.token_hex(8)}.{extension}"
    return CleanImage(ContentFile(encoded.getvalue(), name=name), upright.width, upright.height)
