"""Uploaded images are decoded whole within a size and a pixel limit, and stored encoded afresh:
no EXIF (GPS position, camera serial), nothing appended, upright, with their width and height."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as Pillow

from caseapp.cases import images
from caseapp.cases.models import Image
from tests.admin_forms import add_url, form_data
from tests.factories import make_case

pytestmark = pytest.mark.django_db

HTML_PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def encoded(image: Pillow.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def upload(content: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def photo_with_location() -> bytes:
    """A JPEG as a phone writes it: camera, serial number, GPS position, and turned on its side."""
    exif = Pillow.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Orientation] = 6  # the pixels must be turned 90° clockwise to stand up
    exif[ExifTags.Base.BodySerialNumber] = "SN-4711-0815"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 15.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (76.0, 54.0, 10.0)
    content = encoded(Pillow.new("RGB", (40, 20), "red"), "JPEG", exif=exif)
    assert Pillow.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return content


def stored(image: Image) -> bytes:
    with image.file.open("rb") as file:
        return file.read()


def save_image(content: bytes, name: str = "photo.jpg") -> Image:
    image = Image(file=upload(content, name), credit="Someone", licence="CC BY 2.0")
    image.save()
    return image


def test_a_photo_is_stored_without_its_exif_location_or_camera():
    image = save_image(photo_with_location(), "IMG_20190319_142233.jpg")

    content = stored(image)
    reopened = Pillow.open(io.BytesIO(content))
    assert reopened.format == "JPEG"
    assert not reopened.getexif()
    assert "exif" not in reopened.info
    assert b"Exif" not in content
    assert b"SN-4711-0815" not in content
    assert b"PhoneMaker" not in content


def test_a_photo_is_stored_upright_with_its_width_and_height():
    image = save_image(photo_with_location())

    assert (image.width, image.height) == (20, 40)
    assert Pillow.open(io.BytesIO(stored(image))).size == (20, 40)


def test_the_stored_file_is_not_named_as_the_camera_named_it():
    image = save_image(photo_with_location(), "IMG_20190319_142233_Almaty.jpg")

    assert image.file.name.startswith("images/")
    assert image.file.name.endswith(".jpg")
    assert "20190319" not in image.file.name
    assert "Almaty" not in image.file.name


def test_a_png_with_html_appended_is_stored_without_it():
    content = encoded(Pillow.new("RGBA", (30, 30), (0, 0, 255, 128)), "PNG") + HTML_PAYLOAD

    image = save_image(content, "chart.png")

    kept = stored(image)
    assert b"<script" not in kept
    assert kept.endswith(b"IEND\xaeB`\x82")
    reopened = Pillow.open(io.BytesIO(kept))
    assert (reopened.format, reopened.mode, reopened.size) == ("PNG", "RGBA", (30, 30))


def test_a_png_keeps_its_transparency_but_not_its_text():
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Comment", "taken at the safe house")
    palette = Pillow.new("P", (8, 8), 0)
    content = encoded(palette, "PNG", transparency=0, pnginfo=text)

    kept = stored(save_image(content, "icon.png"))

    assert b"safe house" not in kept
    assert Pillow.open(io.BytesIO(kept)).info.get("transparency") == 0


def test_a_webp_stays_a_webp():
    image = save_image(encoded(Pillow.new("RGB", (16, 12), "green"), "WEBP"), "map.webp")

    assert image.file.name.endswith(".webp")
    assert Pillow.open(io.BytesIO(stored(image))).format == "WEBP"
    assert (image.width, image.height) == (16, 12)


def one_bit_png(width: int, height: int) -> bytes:
    """A PNG of `width` × `height` pixels in a few kilobytes: the shape of a decompression bomb."""
    return encoded(Pillow.new("1", (width, height)), "PNG")


def refusal(content: bytes, name: str = "photo.png") -> str:
    with pytest.raises(images.ValidationError) as refused:
        images.clean_image(upload(content, name))
    return refused.value.messages[0]


def test_a_144_megapixel_png_is_refused():
    bomb = one_bit_png(12_000, 12_000)
    assert len(bomb) < 100_000

    assert refusal(bomb) == (
        "This image has more than 40 million pixels; please upload a smaller one."
    )


def test_a_png_just_over_the_pixel_limit_is_refused_too():
    assert "more than 40 million pixels" in refusal(one_bit_png(8_000, 5_001))


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1_000)
    content = encoded(Pillow.effect_noise((64, 64), 100), "PNG")

    assert (
        refusal(content)
        == f"This file is {len(content) / 1024:.1f}\xa0KB; images may be at most 1000\xa0bytes."
    )


def test_html_named_like_an_image_is_refused():
    assert refusal(HTML_PAYLOAD, "photo.png").startswith(
        "This file is not an image that can be read"
    )


def test_a_truncated_image_is_refused():
    content = encoded(Pillow.effect_noise((64, 64), 100), "PNG")
    assert refusal(content[: len(content) // 2]).startswith("This file is not an image")


def test_a_gif_is_refused_with_the_formats_accepted():
    content = encoded(Pillow.new("P", (8, 8)), "GIF")
    assert refusal(content, "x.gif") == "Images must be JPEG, PNG or WebP; this one is GIF."


def test_an_editor_uploading_through_the_admin_gets_a_clean_file(editor, media_root):
    page = editor.get(add_url(Image))
    data = form_data(page, credit="Someone", licence="CC BY 2.0")
    data["file"] = upload(photo_with_location(), "IMG_0001.jpg")

    response = editor.post(add_url(Image), data)

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (20, 40)
    assert not Pillow.open(io.BytesIO(stored(image))).getexif()
    # Only the clean file: the upload as sent was never written.
    assert [path.name for path in media_root.rglob("*.*")] == [image.file.name.split("/")[-1]]


def test_an_editor_uploading_a_bomb_is_told_the_limit_and_nothing_is_stored(editor, media_root):
    data = form_data(editor.get(add_url(Image)), credit="Someone", licence="CC BY 2.0")
    data["file"] = upload(one_bit_png(12_000, 12_000), "bomb.png")

    response = editor.post(add_url(Image), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "This image has more than 40 million pixels; please upload a smaller one."
    ]
    assert not Image.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_pages_reserve_the_images_width_and_height(visitor):
    image = save_image(photo_with_location())
    case = make_case(lead_image=image)

    page = visitor.get(case.get_absolute_url()).content.decode()

    assert f'src="{image.file.url}"' in page
    assert 'width="20" height="40"' in page


def test_images_stored_before_cleaning_are_cleaned_by_the_command(media_root):
    from django.core.management import call_command

    (media_root / "images" / "2019").mkdir(parents=True)
    (media_root / "images" / "2019" / "court.jpg").write_bytes(photo_with_location())
    (media_root / "images" / "2019" / "broken.png").write_bytes(HTML_PAYLOAD)
    old = Image.objects.create(file="images/2019/court.jpg", credit="A", licence="CC BY 2.0")
    broken = Image.objects.create(file="images/2019/broken.png", credit="B", licence="CC0")
    out, err = io.StringIO(), io.StringIO()

    call_command("clean_images", stdout=out, stderr=err)

    old.refresh_from_db()
    assert (old.width, old.height) == (20, 40)
    assert not Pillow.open(io.BytesIO(stored(old))).getexif()
    assert not (media_root / "images" / "2019" / "court.jpg").exists()
    assert out.getvalue() == "Cleaned 1 image(s); 1 could not be read.\n"
    assert err.getvalue().startswith("images/2019/broken.png: left as it is (This file is not")
    broken.refresh_from_db()
    assert broken.file.name == "images/2019/broken.png"
