"""Tests that need a tool or service the machine may lack (Chromium, GNU msgfmt, Java with
vnu-jar, Redis) skip with the reason on a developer's machine, and fail where CI or the tool's
CASEFILE_REQUIRE_* variable says it must be there (.ci/run sets them), so CI never passes by
skipping what it was meant to run."""

import os

import pytest


def required(variable: str) -> bool:
    """True where CI or `variable` is set to anything but empty, 0 or false."""
    return any(os.environ.get(name, "") not in ("", "0", "false") for name in (variable, "CI"))


def missing(message: str, variable: str) -> None:
    """Fails the test where the prerequisite is required, skips it (saying why) elsewhere."""
    if required(variable):
        pytest.fail(f"{message} (required here: CI or {variable} is set)")
    print(f"skipped: {message}")
    pytest.skip(message)
