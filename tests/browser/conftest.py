"""Browser tests drive Debian's Chromium through Playwright against `live_server`.

Without Chromium they skip with a reason; where CASEFILE_REQUIRE_BROWSER or CI is set (as
.ci/run does) a missing browser fails them instead.
"""

import os
from pathlib import Path

import pytest

from tests.prerequisites import missing

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CASEFILE_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}}"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _chromium_is_there():
    if not CHROMIUM.exists():
        _missing(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package")


def _missing(message: str) -> None:
    missing(message, "CASEFILE_REQUIRE_BROWSER")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def csp_violations(page) -> list[str]:
    """Console messages where the browser blocked something under our Content-Security-Policy."""
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return messages


@pytest.fixture
def axe_violations(page):
    """Runs axe-core (WCAG 2 A and AA) on the page as it is now and returns what it finds."""
    if not AXE.exists():
        _missing(f"axe-core not found at {AXE}: run `npm ci`")
    source = AXE.read_text()

    def check() -> list[dict]:
        # Evaluated through the DevTools protocol, so our Content-Security-Policy stays strict.
        page.evaluate(source)
        result = page.evaluate(f"axe.run(document, {WCAG_AA})")
        assert result["passes"], "axe ran no checks"
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    return check
