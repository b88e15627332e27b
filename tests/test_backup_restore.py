"""`manage.py backup` and `restore`: the whole site in one file and back, byte for byte, or
nothing at all."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as Pillow

from caseapp.cases.models import Case, Event, PublicationGeneration
from caseapp.opendata import backups
from tests.factories import make_event

# Restores run their own transaction, and flush empties the database as a new one is empty.
pytestmark = pytest.mark.django_db(transaction=True)

CASE = "/cases/serikzhan-bilash/"
PUBLIC_ADDRESSES = [
    "/",
    CASE,
    f"{CASE}events/bilash-arrested/",
    f"{CASE}?q=arrested",
    "/actors/",
    "/actors/serikzhan-bilash/",
    "/timeline/",
    "/embed/cases/serikzhan-bilash/",
    f"{CASE}export.json",
    f"{CASE}export.csv",
]


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(media_root):
    """The demo case with an edit in its history, its lead image uploaded, and a publisher
    with a 2FA device."""
    call_command("load_demo_case", verbosity=0, stdout=io.StringIO())
    event = Event.objects.get(slug="bilash-arrested")
    event.title = "Serikzhan Bilash arrested in Almaty"
    event.save()
    image = Case.objects.get(slug="serikzhan-bilash").lead_image
    picture = io.BytesIO()
    Pillow.new("RGB", (64, 32), "teal").save(picture, format="PNG")
    image.file = SimpleUploadedFile("court.png", picture.getvalue())
    image.save()
    user = get_user_model().objects.create_user("pat", "pat@example.org", "a long passphrase")
    call_command("grant_role", "pat", "publisher", stdout=io.StringIO())
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def public_site(client) -> dict[str, bytes]:
    """What visitors get from every public page and both exports."""
    answers = {}
    for address in PUBLIC_ADDRESSES:
        response = client.get(address)
        assert response.status_code == 200, address
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # The one thing that differs from one export to the next.
        answers[address] = re.sub(rb'"exported_at": "[^"]*"', b'"exported_at": ""', body)
    return answers


def accounts() -> list[tuple]:
    users = get_user_model().objects.order_by("pk")
    return [
        (user.username, user.password, user.is_staff, sorted(user.groups.values_list("name")))
        for user in users
    ] + list(TOTPDevice.objects.values_list("user__username", "key", "confirmed"))


def history() -> list[tuple]:
    return list(Event.history.order_by("history_id").values_list("history_id", "title"))


def media(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def backup(path: Path) -> Path:
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def restore(path: Path, *options: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *options, stdout=out)
    return out.getvalue()


def empty_the_site(media_root: Path) -> None:
    """As a new server is: migrated, nothing else."""
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def rewritten(archive: Path, target: Path, **changes) -> Path:
    """A copy of `archive` with members replaced by `changes` (member name: new bytes)."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        for name in source.namelist():
            copy.writestr(name, changes.get(name, source.read(name)))
    return target


def test_a_restored_site_is_the_site_that_was_backed_up(site, client, media_root, tmp_path):
    before = public_site(client), accounts(), history(), media(media_root)
    token = PublicationGeneration.objects.get().token
    archive = backup(tmp_path / "site.zip")

    empty_the_site(media_root)
    assert Event.objects.count() == 0 and not media(media_root)
    assert "Restored" in restore(archive)

    assert (public_site(client), accounts(), history(), media(media_root)) == before
    assert len(before[2]) > Event.objects.count()  # the edit is in the history too
    assert PublicationGeneration.objects.get().token != token
    # New records get new keys: PostgreSQL's sequences go on after the restored ones.
    restored = max(Event.objects.values_list("pk", flat=True))
    assert make_event(Case.objects.get(slug="serikzhan-bilash")).pk > restored


def test_the_manifest_says_what_the_archive_holds(site, tmp_path):
    with zipfile.ZipFile(backup(tmp_path / "site.zip")) as archive:
        manifest = json.loads(archive.read("manifest.json"))

    assert manifest["format"] == "casefile-backup/1"
    rows = {table["model"]: table["rows"] for table in manifest["tables"]}
    assert rows["cases.event"] == Event.objects.count()
    assert rows["cases.historicalevent"] == Event.history.count()
    assert rows["otp_totp.totpdevice"] == 1
    assert "sessions.session" not in rows and "cases.facetcount" not in rows
    assert manifest["migrations"]["cases"][0] == "0001_initial"
    assert manifest["media"]["files"] == 1
    assert set(manifest["members"]) == set(archive.namelist()) - {"manifest.json"}


def test_it_refuses_a_site_that_is_not_empty_unless_told_to_replace_it(
    site, client, media_root, tmp_path
):
    archive = backup(tmp_path / "site.zip")
    changed = "Changed after the backup"
    Event.objects.filter(slug="bilash-arrested").update(title=changed, title_en=changed)

    with pytest.raises(CommandError, match=r"not empty.*--replace-existing"):
        restore(archive)
    assert Event.objects.get(slug="bilash-arrested").title == "Changed after the backup"

    restore(archive, "--replace-existing")
    assert Event.objects.get(slug="bilash-arrested").title == "Serikzhan Bilash arrested in Almaty"


def test_a_changed_archive_is_refused_and_changes_nothing(site, client, media_root, tmp_path):
    archive = backup(tmp_path / "site.zip")
    with zipfile.ZipFile(archive) as original:
        events = original.read("data/cases.event.jsonl").replace(b"Almaty", b"Astana")
    changed = rewritten(archive, tmp_path / "changed.zip", **{"data/cases.event.jsonl": events})
    before = public_site(client), accounts(), history(), media(media_root)

    with pytest.raises(CommandError, match=r"cases\.event\.jsonl does not match its SHA-256"):
        restore(changed, "--replace-existing")

    assert (public_site(client), accounts(), history(), media(media_root)) == before


def test_an_archive_of_other_migrations_is_refused(site, media_root, tmp_path):
    archive = backup(tmp_path / "site.zip")
    with zipfile.ZipFile(archive) as original:
        manifest = json.loads(original.read("manifest.json"))
    manifest["migrations"]["cases"].append("0099_from_the_future")
    changed = rewritten(
        archive, tmp_path / "future.zip", **{"manifest.json": json.dumps(manifest).encode()}
    )
    empty_the_site(media_root)

    with pytest.raises(CommandError, match=r"other migrations.*cases 0099_from_the_future"):
        restore(changed)
    assert Event.objects.count() == 0


def test_a_failure_half_way_leaves_the_site_as_it_was(
    site, client, media_root, tmp_path, monkeypatch
):
    archive = backup(tmp_path / "site.zip")
    before = public_site(client), accounts(), history(), media(media_root)
    insert_rows = backups._insert_rows

    def fails_at_the_events(model, member):
        if model is Event:
            raise OSError("disk full")
        return insert_rows(model, member)

    monkeypatch.setattr(backups, "_insert_rows", fails_at_the_events)
    with pytest.raises(OSError, match="disk full"):
        restore(archive, "--replace-existing")

    assert (public_site(client), accounts(), history(), media(media_root)) == before
    assert [path.name for path in media_root.iterdir()] == ["images"]  # no staging left


def test_check_verifies_without_changing_anything(site, media_root, tmp_path):
    archive = backup(tmp_path / "site.zip")
    empty_the_site(media_root)

    assert "Checked, nothing changed" in restore(archive, "--check")
    assert Event.objects.count() == 0 and not media(media_root)
