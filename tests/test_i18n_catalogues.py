"""The interface's catalogues: every language but English has one, and the compiled file in git
(locale/<language>/LC_MESSAGES/django.mo, which `make run` and `make test` use without GNU
gettext) holds exactly what its source (django.po) compiles to, and that source passes
`msgfmt --check`. Without msgfmt the comparison skips and says why; where CI or
CASEFILE_REQUIRE_GETTEXT is set (.ci/run) it fails instead. `make messages` compiles them."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.prerequisites import missing

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(code: str, suffix: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"django.{suffix}"


def msgfmt() -> str:
    path = shutil.which("msgfmt")
    if path is None:
        missing(
            "GNU gettext's msgfmt is not installed (apt-get install gettext)",
            "CASEFILE_REQUIRE_GETTEXT",
        )
    return path


def messages(path: Path) -> dict:
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_has_its_catalogue_and_its_compiled_file_in_git(code):
    assert catalogue(code, "po").is_file()
    assert catalogue(code, "mo").is_file(), f"compile it: make messages (or msgfmt) for {code}"
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", str(catalogue(code, "mo"))],
        cwd=settings.BASE_DIR,
        capture_output=True,
    )
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", str(catalogue(code, "mo"))],
        cwd=settings.BASE_DIR,
    )
    # Not hidden by .gitignore; committed where the checkout is a git repository.
    assert ignored.returncode == 1
    assert tracked.returncode in (0, 128), tracked.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_holds_what_its_source_compiles_to(code, tmp_path):
    program = msgfmt()
    compiled = tmp_path / "django.mo"

    check = subprocess.run(
        [program, "--check", "--output-file", str(compiled), str(catalogue(code, "po"))],
        capture_output=True,
        text=True,
    )

    assert check.returncode == 0, check.stderr
    assert messages(catalogue(code, "mo")) == messages(compiled), (
        f"locale/{code}/LC_MESSAGES/django.mo is not what django.po compiles to: run make messages"
    )


def test_russian_has_three_plural_forms():
    """1 событие, 2 события, 5 событий: the catalogue's Plural-Forms, as Russian counts."""
    with catalogue("ru", "mo").open("rb") as file:
        russian = gettext.GNUTranslations(file)

    forms = {number: russian.plural(number) for number in (1, 2, 5, 11, 21, 22, 25, 111)}

    assert forms == {1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 25: 2, 111: 2}
