"""Issue 17's "done when": every public page type of the demo case renders in German, Russian,
Kazakh and Uyghur without English leaking from the interface.

Each page is parsed; every element whose `lang` differs from the page's is dropped with all it
holds (content declared as another language: an untranslated title marked "not yet
translated", a quote in its source language, the language switcher's other names). What is
left — text and the attributes a reader meets (title, aria-label, placeholder, alt,
data-copied, a meta description) — must not hold any English msgid of our catalogue
(locale/<language>/LC_MESSAGES/django.po) whose translation there differs from it. A msgid
with placeholders matches with anything in their place; one with markup (`<a href>`) matches
across the tags. `AMBIGUOUS` lists the few msgids that are also ordinary words of content.

Content is not the catalogue's: an untranslated title inside `<title>`, a meta description or a
link's `title` attribute cannot carry a `lang`, and a source's title is in the source's
language. So the originals of the demo case's records (titles, names, summaries and their
excerpts, source titles) are taken out of the text before the msgids are looked for; whether
untranslated content carries its `lang` is tested in test_content_translations*.py.

The same pages also: set no cookie, say `<html lang dir>` right, and name all five languages
and `x-default` as hreflang alternates.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from caseapp.i18n import path_in

pytestmark = pytest.mark.django_db

# Every language but English (de, ru, kk, ug); right to left: ug.
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
RTL = {code for code in LANGUAGES if translation.get_language_info(code)["bidi"]}
CASE = "/cases/serikzhan-bilash/"
FRAGMENT = {"HX-Request": "true"}

# Page type → (path as English has it, query, htmx headers, expected status).
PAGES = {
    "home": ("/", {}, {}, 200),
    "timeline": ("/timeline/", {}, {}, 200),
    "case": (CASE, {}, {}, 200),
    "case-filtered": (CASE, {"actor": "serikzhan-bilash", "kind": "arrest"}, {}, 200),
    "case-filtered-fragment": (CASE, {"actor": "serikzhan-bilash"}, FRAGMENT, 200),
    "case-no-results": (CASE, {"q": "xylophone"}, {}, 200),
    "case-bad-date": (CASE, {"from": "2019-02-30"}, {}, 200),
    "event": (f"{CASE}events/bilash-arrested/", {}, {}, 200),
    "actor": ("/actors/serikzhan-bilash/", {}, {}, 200),
    "actors": ("/actors/", {}, {}, 200),
    "case-sources": (f"{CASE}sources/", {}, {}, 200),
    "source": ("/sources/stp-press-release-2019-03-19/", {}, {}, 200),
    "not-found": ("/no-such-page/", {}, {}, 404),
}
# Msgids that are also ordinary text in a language, where a match says nothing. Keep it short:
# each entry is a place a leak could hide.
AMBIGUOUS: dict[str, set[str]] = {
    # "In Titeln und Zusammenfassungen…": German starts sentences with "In" too.
    "de": {"In %(first)s"},
}
# Attributes a reader meets: read aloud, shown on hover, or shown in place of something.
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-copied"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


# ---------------------------------------------------------------- the catalogue


@dataclass
class Entry:
    msgid: str = ""
    plural: str = ""
    translations: list[str] = field(default_factory=list)
    fuzzy: bool = False


def _unquote(line: str) -> str:
    text = line[line.index('"') + 1 : line.rindex('"')]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes.get(match[1], match[1]), text)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete ones left out)."""
    entries, entry, target = [], Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.msgid:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt"):
            target = None
        elif line.startswith("msgid_plural"):
            entry.plural, target = _unquote(line), "plural"
        elif line.startswith("msgid"):
            entry.msgid, target = _unquote(line), "msgid"
        elif line.startswith("msgstr"):
            entry.translations.append(_unquote(line))
            target = "msgstr"
        elif line.startswith('"') and target == "msgid":
            entry.msgid += _unquote(line)
        elif line.startswith('"') and target == "plural":
            entry.plural += _unquote(line)
        elif line.startswith('"') and target == "msgstr":
            entry.translations[-1] += _unquote(line)
    return entries


# %(name)s, %(count)d, %s, {name}: whatever the page puts there.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
_TAG = re.compile(r"<[^>]+>")


def pattern_of(msgid: str) -> re.Pattern | None:
    """A regular expression finding `msgid` as rendered: placeholders filled, tags gone, any
    whitespace, words whole; None for a msgid with no letters of its own."""
    parts = re.split(f"({_PLACEHOLDER.pattern}|{_TAG.pattern})", msgid.replace("%%", "%"))
    if not re.search(r"[^\W\d_]", "".join(parts[::2])):
        return None
    pieces = []
    for index, part in enumerate(parts):
        if index % 2:
            pieces.append(r"\s*" if part.startswith("<") else r".{1,300}?")
            continue
        words = part.split()
        core = r"\s+".join(re.escape(word) for word in words)
        if words and re.match(r"\w", words[0]):
            core = r"(?<!\w)" + core
        if words and re.search(r"\w$", words[-1]):
            core += r"(?!\w)"
        # Beside a placeholder a space is a space; beside a tag or at either end, maybe none.
        before = index > 0 and not parts[index - 1].startswith("<")
        after = index < len(parts) - 1 and not parts[index + 1].startswith("<")
        if part[:1].isspace():
            core = (r"\s+" if before else r"\s*") + core
        if part[-1:].isspace() and words:
            core += r"\s+" if after else r"\s*"
        pieces.append(core)
    return re.compile("".join(pieces))


@dataclass(frozen=True)
class Finder:
    """Finds a msgid as rendered; `clue`, its longest run of plain text, rules most pages out
    before the slower expression is tried."""

    clue: str
    pattern: re.Pattern

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.clue in text else None


def finder_of(msgid: str) -> Finder | None:
    pattern = pattern_of(msgid)
    if pattern is None:
        return None
    runs = re.split(f"{_PLACEHOLDER.pattern}|{_TAG.pattern}|\\s{{2,}}", msgid.replace("%%", "%"))
    clue = max((run.strip() for run in runs), key=len)
    return Finder(" ".join(clue.split()[:3]), pattern)


def untranslated_english(language: str) -> dict[str, Finder]:
    """The English msgids whose translation into `language` differs from them, each with the
    pattern that finds it on a page."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    found = {}
    for entry in read_po(path):
        if entry.fuzzy or not any(entry.translations):
            continue
        for english in filter(None, (entry.msgid, entry.plural)):
            if english in AMBIGUOUS.get(language, ()) or english in entry.translations:
                continue
            finder = finder_of(english)
            if finder is not None:
                found[english] = finder
    return found


# ---------------------------------------------------------------- the page


class ReadableParts(HTMLParser):
    """The text and read attributes of a page outside every element in another language."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.html_attributes: dict[str, str | None] = {}
        self.alternates: dict[str, str] = {}

    @property
    def dropped(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_attributes = attributes
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.alternates[attributes["hreflang"]] = attributes.get("href") or ""
        lang = attributes.get("lang")
        dropped = self.dropped or (lang is not None and lang != self.language)
        # Not read as prose: scripts, styles, and code to copy (the embed snippet).
        if tag in ("script", "style", "textarea", "code"):
            dropped = True
        if not dropped:
            for name, value in attributes.items():
                if value and name in READ_ATTRIBUTES:
                    self.attributes.append((tag, name, value))
            if tag == "meta" and attributes.get("name") == "description":
                self.attributes.append((tag, "content", attributes.get("content") or ""))
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.attributes.append((tag, "value", attributes.get("value") or ""))
        if tag not in VOID:
            self.stack.append((tag, dropped))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropped and data.strip():
            self.texts.append(" ".join(data.split()))


def read(html: str, language: str) -> ReadableParts:
    parts = ReadableParts(language)
    parts.feed(html)
    parts.close()
    return parts


def original_content() -> list[str]:
    """The demo case's content as written in the original, longest first: what a page in another
    language shows where no one has translated it yet."""
    from caseapp.actors.models import Actor
    from caseapp.cases.models import Case, Event, Image, Place, Source
    from caseapp.cases.templatetags.casefile import html_excerpt

    def plain(text: str) -> str:
        return " ".join((text or "").split())

    texts = set()
    for html in [
        *Case.objects.values_list("summary_html", flat=True),
        *Event.objects.values_list("summary_html", flat=True),
        *Actor.objects.values_list("bio_html", flat=True),
    ]:
        texts |= {html_excerpt(html), html_excerpt(html, 280), html_excerpt(html, 100_000)}
    texts |= {*Case.objects.values_list("title", flat=True)}
    texts |= {*Case.objects.values_list("status_line", flat=True)}
    texts |= {*Event.objects.values_list("title", flat=True)}
    texts |= {*Place.objects.values_list("name", flat=True)}
    texts |= {*Source.objects.values_list("title", flat=True)}
    texts |= {*Source.objects.values_list("publisher", flat=True)}
    texts |= {*Image.objects.values_list("alt_text", flat=True)}
    for name, aliases in Actor.objects.values_list("name", "aliases"):
        texts |= {name, *aliases.splitlines()}
    return sorted({plain(text) for text in texts if plain(text)}, key=len, reverse=True)


def without_content(text: str, content: list[str]) -> str:
    for original in content:
        text = text.replace(original, " ¶ ")
    return text


def leaks(parts: ReadableParts, english: dict[str, Finder]) -> list[str]:
    """Where English msgids show: `text: "Show all events"` and the like."""
    found = []
    content = original_content()
    text = without_content(" ".join(parts.texts), content)
    for msgid, pattern in english.items():
        if match := pattern.search(text):
            found.append(
                f"text: {msgid!r} in …{text[max(0, match.start() - 40) : match.end() + 40]}…"
            )
    for tag, name, value in parts.attributes:
        value = without_content(" ".join(value.split()), content)
        for msgid, pattern in english.items():
            if pattern.search(value):
                found.append(f"<{tag} {name}>: {msgid!r} in {value!r}")
    return found


def get_page(client, language: str, page: str):
    path, query, headers, status = PAGES[page]
    response = client.get(path_in(language, path), query, headers=headers)
    assert response.status_code == status, f"{page} in {language}: {response.status_code}"
    return response


def get_widget(client, language: str):
    response = client.get(f"/embed{CASE}", {"lang": language})
    assert response.status_code == 200
    return response


@pytest.fixture(scope="module")
def english_by_language() -> dict[str, dict[str, Finder]]:
    return {language: untranslated_english(language) for language in LANGUAGES}


# ---------------------------------------------------------------- the tests
# `page_type`, not `page`: pytest-playwright's `page` fixture shares the name, and parametrizing
# it moved the browser tests (which flush the database) ahead of tests that need the groups the
# migrations create.


@pytest.mark.parametrize("page_type", [*PAGES, "embed-widget"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_leaks_from_the_interface(
    demo_case, visitor, english_by_language, language, page_type
):
    english = english_by_language[language]
    assert len(english) > 100, f"the {language} catalogue holds hardly any translation yet"
    if page_type == "embed-widget":
        response = get_widget(visitor, language)
    else:
        response = get_page(visitor, language, page_type)

    found = leaks(read(response.content.decode(), language), english)

    assert not found, f"{page_type} in {language}:\n" + "\n".join(found)


@pytest.mark.parametrize("page_type", [*PAGES, "embed-widget"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_says_its_language_and_direction_and_sets_no_cookie(
    demo_case, visitor, language, page_type
):
    if page_type == "embed-widget":
        response = get_widget(visitor, language)
    else:
        response = get_page(visitor, language, page_type)

    assert not response.cookies
    assert "Set-Cookie" not in response
    if page_type == "case-filtered-fragment":
        return  # a fragment goes into the page that said so
    parts = read(response.content.decode(), language)
    assert parts.html_attributes.get("lang") == language
    assert parts.html_attributes.get("dir") == ("rtl" if language in RTL else "ltr")


@pytest.mark.parametrize("page_type", [name for name in PAGES if name != "case-filtered-fragment"])
@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_every_page_names_all_its_languages_as_alternates(demo_case, visitor, language, page_type):
    response = get_page(visitor, language, page_type)
    path = PAGES[page_type][0]

    alternates = read(response.content.decode(), language).alternates

    assert set(alternates) == {code for code, _name in settings.LANGUAGES} | {"x-default"}
    for code, href in alternates.items():
        expected_path = path_in(settings.LANGUAGE_CODE if code == "x-default" else code, path)
        assert href == f"http://testserver{expected_path}", (code, href)


def test_the_catalogue_reader_finds_placeholders_plurals_and_markup():
    """The test's own tools: a msgid with a placeholder and one with a link match what pages
    render; a word inside another word does not."""
    assert pattern_of("Show all %(counter)s events").search("Show all 12 events")
    assert pattern_of('Read <a href="/x/">the source</a>.').search("Read the source .")
    assert not pattern_of("Case").search("Casefile")
    assert not pattern_of("%(first)s to %(last)s").search("Verhaftung (Atom)")
    assert not pattern_of("In %(first)s").search("Zum Inhalt springen")
    assert pattern_of("%(days)s day").search("seit 3 day")
    assert not pattern_of("%(days)s day").search("April 2017 to today")
    assert pattern_of("%(value)s: %(name)s") is None
    parts = read('<p>Kept <span lang="en">Show all</span></p><p lang="de">x</p>', "de")
    assert parts.texts == ["Kept", "x"]
