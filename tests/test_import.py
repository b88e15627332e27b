"""`manage.py import_events`: reads the CSV export back, all or nothing, with every problem named
by row and column; a round trip into an empty database reproduces the case."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Image, Participation, Place, Source
from caseapp.opendata.imports import MAX_CELL
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db

HEADER = (
    "slug,title,kind,start,start_precision,start_qualifier,end,end_precision,end_qualifier,"
    "milestone,place,place_name,place_country,summary,actors,actor_details,sources"
)
SOURCE = "https://news.example.org/a | Arrest reported | Example News | 2019-03-10 | news_report | en |  | para. 2 | He was arrested."


def run_import(*args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_events", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def write(tmp_path, *rows: str, header: str = HEADER, name: str = "events.csv") -> str:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def export_csv(client, slug: str) -> bytes:
    return download(client, f"/cases/{slug}/export.csv")


def export_json(client, slug: str) -> dict:
    return json.loads(download(client, f"/cases/{slug}/export.json"))


def empty_the_database() -> None:
    Event.objects.all().delete()
    Case.objects.all().delete()
    for model in (Actor, Source, Place, Image):
        model.objects.all().delete()


def public_record(document: dict) -> dict:
    """An export without what differs between two databases: ids, timestamps, addresses."""
    sources = {source.pop("id"): source for source in document["sources"]}
    # A source's slug (and so its page) is made here from its title: the CSV does not carry it.
    for source in sources.values():
        del source["slug"], source["page"]
    for event in document["events"]:
        del event["published_at"], event["updated_at"]
        for citation in event["citations"]:
            citation["source"] = sources[citation["source"]]["url"]
        # Places are created from the CSV with their original name: their translations, like
        # actors', travel in the JSON export.
        if event["place"]:
            del event["place"]["translations"]
    return {"events": document["events"], "sources": list(sources.values())}


def problems(error: CommandError) -> list[str]:
    return str(error).splitlines()


# ---------------------------------------------------------------- round trip


def test_a_round_trip_into_an_empty_database_reproduces_the_case(visitor, demo_case, tmp_path):
    exported = export_csv(visitor, demo_case.slug)
    before = public_record(export_json(visitor, demo_case.slug))
    (tmp_path / "case.csv").write_bytes(exported)
    empty_the_database()

    output, _ = run_import(
        "serikzhan-bilash", str(tmp_path / "case.csv"), "--create-case", "Bilash", "--publish"
    )

    assert "9 events created" in output
    assert export_csv(visitor, "serikzhan-bilash") == exported
    after = public_record(export_json(visitor, "serikzhan-bilash"))
    # Participation notes are not in the CSV; the demo case has none.
    assert after == before
    assert Actor.objects.get(slug="serikzhan-bilash").name == "Serikzhan Bilash"
    assert Source.objects.get().publisher == "Society for Threatened Peoples (STP)"


def test_a_round_trip_of_a_large_case_reproduces_every_event(visitor, large_case, tmp_path):
    exported = export_csv(visitor, large_case.slug)
    (tmp_path / "case.csv").write_bytes(exported)
    empty_the_database()

    run_import("large-case", str(tmp_path / "case.csv"), "--create-case", "Large", "--publish")

    assert Event.objects.count() == 200
    assert export_csv(visitor, "large-case") == exported


def test_importing_the_same_file_again_changes_nothing(visitor, demo_case, tmp_path):
    (tmp_path / "case.csv").write_bytes(export_csv(visitor, demo_case.slug))
    versions = dict(Event.objects.values_list("slug", "version"))
    counts = (Participation.objects.count(), Citation.objects.count(), Actor.objects.count())

    output, _ = run_import("serikzhan-bilash", str(tmp_path / "case.csv"))

    assert "0 events created, 0 updated, 9 unchanged" in output
    assert dict(Event.objects.values_list("slug", "version")) == versions
    assert (
        Participation.objects.count(),
        Citation.objects.count(),
        Actor.objects.count(),
    ) == counts


@pytest.mark.parametrize("title", ["=1+1", "\u00a0=1+1", "＝1+1", "'＠handle"])
def test_cells_a_spreadsheet_would_run_come_back_as_written(visitor, tmp_path, title):
    case = make_case()
    make_event(
        case, slug="formula", title=title, summary="- first\n- second", sources=[make_source()]
    )
    (tmp_path / "case.csv").write_bytes(export_csv(visitor, case.slug))
    Event.objects.filter(slug="formula").update(
        title="changed", summary="", title_en="changed", summary_en=""
    )

    run_import(case.slug, str(tmp_path / "case.csv"))

    event = Event.objects.get(slug="formula")
    assert (event.title, event.summary) == (title, "- first\n- second")


# ---------------------------------------------------------------- updates


def test_an_edited_row_updates_its_event_and_roles(tmp_path):
    case = make_case(slug="the-case")
    lawyer, judge = make_actor(slug="lawyer"), make_actor(slug="judge")
    hidden = make_actor(slug="hidden", publication_status=PublicationStatus.DRAFT)
    event = make_event(
        case,
        slug="hearing",
        actors=[(lawyer, "lawyer"), (hidden, "witness")],
        sources=[make_source(url="https://news.example.org/a")],
    )
    path = write(
        tmp_path,
        f"hearing,A hearing (corrected),hearing,2019-03,month,circa,,,,yes,,,,,judge:authority,,{SOURCE}",
    )

    output, _ = run_import("the-case", path)

    event.refresh_from_db()
    assert "1 updated" in output
    assert (event.title, event.kind, event.start_iso, event.start_qualifier) == (
        "A hearing (corrected)",
        "hearing",
        "2019-03",
        "circa",
    )
    assert event.is_milestone
    assert set(event.participations.values_list("actor__slug", "role")) == {
        ("judge", "authority"),
        # A draft actor's role was never exported, so the import leaves it alone.
        ("hidden", "witness"),
    }
    assert list(event.citations.values_list("locator", "quote")) == [
        ("para. 2", "He was arrested.")
    ]
    assert judge.participations.exists()


def test_an_edited_quote_updates_its_citation_in_place(tmp_path):
    case = make_case(slug="the-case")
    source = make_source(url="https://news.example.org/a")
    event = make_event(case, slug="hearing", sources=[source])
    event.citations.update(locator="para. 2", quote="An older quote.")
    citation = event.citations.get()
    path = write(
        tmp_path,
        f"hearing,{event.title},statement,2019-03-09,day,exact,,,,no,,,,,,,{SOURCE}",
    )

    output, _ = run_import("the-case", path)

    assert "1 updated" in output
    assert list(event.citations.values_list("pk", "quote")) == [(citation.pk, "He was arrested.")]
    event.refresh_from_db()
    # Only the citation changed: the event itself keeps its version.
    assert event.version == 1


def test_new_events_are_drafts_unless_published_by_the_import(tmp_path):
    make_case(slug="the-case")
    path = write(tmp_path, "new-event,Something happened,statement,2019,,,,,,,,,,,,,")

    run_import("the-case", path)

    event = Event.objects.get(slug="new-event")
    assert event.publication_status == PublicationStatus.DRAFT
    assert event.start_precision == "year"
    assert not Event.objects.published().exists()


def test_it_creates_missing_actors_sources_and_places_from_the_file(tmp_path):
    make_case(slug="the-case")
    path = write(
        tmp_path,
        "arrest,Arrest,arrest,2019-03-09,day,exact,,,,no,almaty,Almaty,KZ,,"
        '"new-person:subject; new-court:authority",'
        '"new-person | New Person | person; new-court | A Court | court",' + SOURCE,
    )

    output, _ = run_import("the-case", path, "--publish")

    assert "2 actors, 1 sources and 1 places created" in output
    assert Actor.objects.get(slug="new-court").kind == "court"
    assert Actor.objects.get(slug="new-person").is_published
    assert Place.objects.get(slug="almaty").country.code == "KZ"
    source = Source.objects.get(url="https://news.example.org/a")
    assert (source.title, source.publisher, source.kind) == (
        "Arrest reported",
        "Example News",
        "news_report",
    )
    assert Event.objects.published().get(slug="arrest").citations.get().locator == "para. 2"


def test_an_actor_may_be_described_in_a_later_row(tmp_path):
    make_case(slug="the-case")
    path = write(
        tmp_path,
        "first,First,arrest,2019,,,,,,,,,,,later:subject,,",
        "second,Second,arrest,2019,,,,,,,,,,,later:witness,later | Named Later | person,",
    )

    run_import("the-case", path)

    assert Actor.objects.get(slug="later").name == "Named Later"
    assert Event.objects.get(slug="first").actors.get().slug == "later"


def test_a_summary_longer_than_the_csv_modules_default_limit_is_imported(tmp_path):
    make_case(slug="the-case")
    summary = "A long account. " * 20_000  # 320,000 characters; the csv module stops at 131,072
    path = write(tmp_path, f'long,Long,statement,2019,,,,,,,,,,"{summary}",,,')

    run_import("the-case", path)

    assert Event.objects.get(slug="long").summary == summary.strip()


def test_an_existing_source_is_found_by_its_address_and_left_as_it_is(tmp_path):
    make_case(slug="the-case")
    source = make_source(url="https://news.example.org/a", title="Editors' title")
    path = write(tmp_path, f"arrest,Arrest,arrest,2019-03-09,,,,,,,,,,,,,{SOURCE}")

    run_import("the-case", path)

    source.refresh_from_db()
    assert source.title == "Editors' title"
    assert Event.objects.get(slug="arrest").citations.get().source == source


# ---------------------------------------------------------------- rejection


def test_it_reports_every_bad_row_by_number_and_column_and_imports_nothing(tmp_path):
    make_case(slug="the-case")
    path = write(
        tmp_path,
        f"fine,A fine event,arrest,2019-03-09,,,,,,,,,,,,,{SOURCE}",
        "bad-date,Bad date,arrest,2019-02-30,,,,,,,,,,,,,",
        "bad-kind,Bad kind,arest,2019,,,,,,,,,,,,,",
        "bad-role,Bad role,arrest,2019,,,,,,,,,,,someone:villain,,",
        "unknown-actor,Unknown actor,arrest,2019,,,,,,,,,,,nobody:subject,,",
        "backwards,Ends first,arrest,2019-05,,,2019-04,,,,,,,,,,",
        "wrong-precision,Precision,arrest,2019-05,day,,,,,maybe,,,,,,,",
    )

    with pytest.raises(CommandError) as rejected:
        run_import("the-case", path)

    lines = problems(rejected.value)
    assert lines[-1] == "Nothing was imported: 7 problem(s)."
    expected = [
        'row 3, column "start": 2019-02-30 is not a date on the calendar.',
        'row 4, column "kind": “arest” is not one of:',
        'row 5, column "actors": “villain” is not one of:',
        'row 6, column "actors": There is no actor “nobody”',
        'row 7, column "end": The end lies before the start.',
        'row 8, column "start_precision": “day” does not match “2019-05”',
        'row 8, column "milestone": “maybe” is neither true nor false.',
    ]
    for line, start in zip(lines, expected, strict=False):
        assert line.startswith(f"{path}: {start}"), line
    assert not Event.objects.exists()


def test_a_file_with_one_bad_row_imports_none_of_its_rows(tmp_path):
    make_case(slug="the-case")
    rows = [f"event-{n},Event {n},arrest,2019-03-{n:02d},,,,,,,,,,,,," for n in range(1, 20)]
    path = write(tmp_path, *rows, "broken,Broken,arrest,someday,,,,,,,,,,,,,")

    with pytest.raises(CommandError, match=r'row 21, column "start"'):
        run_import("the-case", path)

    assert not Event.objects.exists()


def test_it_refuses_a_published_event_without_a_source(tmp_path):
    make_case(slug="the-case")
    path = write(tmp_path, "no-source,No source,arrest,2019,,,,,,,,,,,,,")

    with pytest.raises(CommandError, match=r'row 2, column "sources": .* cites no source'):
        run_import("the-case", path, "--publish")

    assert not Event.objects.exists()


def test_it_refuses_to_show_a_draft_actor_on_a_published_event(tmp_path):
    make_case(slug="the-case")
    make_actor(slug="draft-actor", publication_status=PublicationStatus.DRAFT)
    path = write(tmp_path, f"e,E,arrest,2019,,,,,,,,,,,draft-actor:subject,,{SOURCE}")

    with pytest.raises(CommandError, match=r'row 2, column "actors": .* is not published'):
        run_import("the-case", path, "--publish")


def test_it_refuses_a_new_draft_actor_on_an_event_that_is_already_published(tmp_path):
    case = make_case(slug="the-case")
    make_event(case, slug="public", sources=[make_source(url="https://news.example.org/a")])
    path = write(
        tmp_path,
        f"public,Public,arrest,2019,,,,,,,,,,,newcomer:witness,newcomer | Newcomer | person,{SOURCE}",
    )

    with pytest.raises(
        CommandError, match=r'row 2, column "actors": “newcomer” would be created as a draft'
    ):
        run_import("the-case", path)

    assert not Actor.objects.filter(slug="newcomer").exists()


def test_it_refuses_a_slug_used_twice_in_the_file(tmp_path):
    make_case(slug="the-case")
    path = write(tmp_path, "same,One,arrest,2019,,,,,,,,,,,,,", "same,Two,arrest,2019,,,,,,,,,,,,,")

    with pytest.raises(
        CommandError, match=r'row 3, column "slug": “same” is also the slug of row 2'
    ):
        run_import("the-case", path)


def test_it_refuses_two_rows_describing_an_actor_differently(tmp_path):
    make_case(slug="the-case")
    path = write(
        tmp_path,
        "one,One,arrest,2019,,,,,,,,,,,x:subject,x | Name | person,",
        "two,Two,arrest,2019,,,,,,,,,,,x:subject,x | Other name | person,",
    )

    with pytest.raises(CommandError, match=r'row 3, column "actor_details": Row 2 describes “x”'):
        run_import("the-case", path)


def test_it_refuses_a_new_record_its_model_would_refuse(tmp_path):
    make_case(slug="the-case")
    path = write(
        tmp_path,
        'one,One,arrest,2019,,,,,,,,,,,"Not A Slug:subject","Not A Slug | Name | person",'
        "https://news.example.org/new | Title | Publisher | | tabloid | en",
    )

    with pytest.raises(CommandError) as rejected:
        run_import("the-case", path)

    text = str(rejected.value)
    assert 'row 2, column "actor_details": New actor “Name”: slug: Enter a valid “slug”' in text
    assert (
        'row 2, column "sources": New source “Publisher: Title”: kind: '
        "Value 'tabloid' is not a valid choice." in text
    )
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("slug,title,kind", 'row 1, column "start": This column is missing.'),
        (HEADER + ",colour", 'row 1, column "colour": Unknown column'),
    ],
)
def test_it_refuses_a_file_with_wrong_columns(tmp_path, header, message):
    make_case(slug="the-case")
    path = write(tmp_path, "a,b,c", header=header)

    with pytest.raises(CommandError, match=message):
        run_import("the-case", path)


def test_it_refuses_a_row_with_more_cells_than_columns(tmp_path):
    make_case(slug="the-case")
    path = write(tmp_path, "x,X,arrest,2019,,,,,,,,,,,,,,extra")

    with pytest.raises(CommandError, match="row 2: The row has more cells"):
        run_import("the-case", path)


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(tmp_path):
    make_case(slug="the-case")
    path = write(
        tmp_path, "fine,Fine,arrest,2019,,,,,,,,,,,,,", "", "bad,Bad,arrest,someday,,,,,,,,,,,,,"
    )

    with pytest.raises(CommandError, match=r'row 4, column "start"'):
        run_import("the-case", path)


def test_it_refuses_a_cell_holding_a_nul_character(tmp_path):
    make_case(slug="the-case")
    path = write(tmp_path, "nul,Title,arrest,2019,,,,,,,,,,Sum\x00mary,,,")

    with pytest.raises(CommandError, match=r'row 2, column "summary": The cell holds a NUL'):
        run_import("the-case", path)


def test_a_cell_longer_than_any_summary_is_a_problem_and_not_a_crash(tmp_path):
    make_case(slug="the-case")
    endless = "x" * (MAX_CELL + 1)
    path = write(
        tmp_path,
        "fine,Fine,arrest,2019,,,,,,,,,,,,,",
        f'huge,Huge,arrest,2019,,,,,,,,,,"{endless}",,,',
    )

    with pytest.raises(CommandError) as rejected:
        run_import("the-case", path)

    assert problems(rejected.value)[0] == (
        f"{path}: row 3: A cell is longer than 10,000,000 characters, or a quote is never "
        "closed; the rows after it were not checked."
    )
    assert not Event.objects.exists()


def test_a_cell_over_the_csv_modules_limit_in_a_short_column_is_a_row_numbered_problem(tmp_path):
    make_case(slug="the-case")
    title = "x" * 200_000  # over the csv module's default limit of 131,072 characters
    path = write(
        tmp_path, "fine,Fine,arrest,2019,,,,,,,,,,,,,", f"long,{title},arrest,2019,,,,,,,,,,,,,"
    )

    with pytest.raises(CommandError) as rejected:
        run_import("the-case", path)

    assert problems(rejected.value)[0] == (
        f'{path}: row 3, column "title": Ensure this value has at most 300 characters (it has '
        "200000)."
    )
    assert not Event.objects.exists()


def test_checking_a_file_holds_a_batch_of_rows_in_memory_not_the_file(tmp_path):
    """Guards the streamed reading: four times the rows, the same peak memory."""
    import tracemalloc

    from caseapp.opendata.imports import EventImport

    def peak_memory_checking(rows: int) -> int:
        path = tmp_path / f"{rows}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(HEADER + "\r\n")
            for n in range(rows):
                summary = "A long account. " * 128
                file.write(f"event-{n},Event {n},arrest,2019,,,,,,,,,,{summary},,,\r\n")
        importer = EventImport(make_case(), lambda: path.open(encoding="utf-8", newline=""))
        tracemalloc.start()
        try:
            assert importer.check() == rows
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak_memory_checking(1_000), peak_memory_checking(4_000)

    assert large < small * 1.25
    assert large < (tmp_path / "4000.csv").stat().st_size


def test_it_needs_an_existing_case_or_permission_to_create_one(tmp_path):
    path = write(tmp_path, "x,X,arrest,2019,,,,,,,,,,,,,")

    with pytest.raises(CommandError, match=r"There is no case “nowhere”.*--create-case"):
        run_import("nowhere", path)
    with pytest.raises(CommandError, match="Cannot create the case"):
        run_import("Not a slug!", path, "--create-case", "Title")
    assert not Case.objects.exists()


def test_it_explains_a_file_it_cannot_read(tmp_path):
    make_case(slug="the-case")
    (tmp_path / "latin1.csv").write_bytes(HEADER.encode() + b"\nx,Gr\xfc\xdfe,arrest,2019\n")

    with pytest.raises(CommandError, match="not UTF-8"):
        run_import("the-case", str(tmp_path / "latin1.csv"))
    with pytest.raises(CommandError, match="Cannot read"):
        run_import("the-case", str(tmp_path / "missing.csv"))


def test_a_dry_run_checks_and_writes_nothing(tmp_path):
    make_case(slug="the-case")
    path = write(tmp_path, "x,X,arrest,2019,,,,,,,,,,,,,")

    output, _ = run_import("the-case", path, "--dry-run")

    assert "1 events checked, no problems" in output
    assert not Event.objects.exists()


# ---------------------------------------------------------------- progress


def test_it_shows_a_progress_bar_when_asked(tmp_path):
    make_case(slug="the-case")
    rows = [f"event-{n},Event {n},arrest,2019,,,,,,,,,,,,," for n in range(30)]

    _, progress = run_import("the-case", write(tmp_path, *rows), "--progress")

    assert "Checking rows" in progress
    assert "Importing events" in progress
    assert "30/30" in progress


def test_it_keeps_standard_error_quiet_when_it_is_not_a_terminal(tmp_path):
    make_case(slug="the-case")

    _, progress = run_import("the-case", write(tmp_path, "x,X,arrest,2019,,,,,,,,,,,,,"))

    assert progress == ""


# ---------------------------------------------------------------- translations

TRANSLATED_HEADER = HEADER + (
    ",title_de,summary_de,title_ru,summary_ru,title_kk,summary_kk,title_ug,summary_ug"
)
ROW = f"arrest,Founder arrested,arrest,2019-03-09,day,exact,,,,no,,,,He was taken away.,,,{SOURCE}"


def translated_case():
    case = make_case(slug="translated")
    make_event(
        case,
        slug="arrest",
        title="Founder arrested",
        summary="He was taken **away**.",
        title_de="Gründer verhaftet",
        summary_de="Er wurde **abgeführt**.",
        title_ru="Основатель задержан",
        summary_ug="ئۇ ئېلىپ كېتىلدى.",
        sources=[make_source(url="https://news.example.org/a")],
    )
    make_event(case, slug="untranslated", sources=[make_source()])
    return case


def test_a_round_trip_keeps_every_language(visitor, tmp_path):
    case = translated_case()
    exported = export_csv(visitor, case.slug)
    before = public_record(export_json(visitor, case.slug))
    (tmp_path / "case.csv").write_bytes(exported)
    empty_the_database()

    run_import(case.slug, str(tmp_path / "case.csv"), "--create-case", "Translated", "--publish")

    assert export_csv(visitor, case.slug) == exported
    assert public_record(export_json(visitor, case.slug)) == before
    event = Event.objects.get(slug="arrest")
    assert (event.title_en, event.title_de, event.summary_ru) == (
        "Founder arrested",
        "Gründer verhaftet",
        "",
    )
    assert "<strong>abgeführt</strong>" in event.summary_html_de


def test_importing_a_translated_file_again_changes_nothing(visitor, tmp_path):
    case = translated_case()
    (tmp_path / "case.csv").write_bytes(export_csv(visitor, case.slug))
    versions = dict(Event.objects.values_list("slug", "version"))

    output, _ = run_import(case.slug, str(tmp_path / "case.csv"))

    assert "0 events created, 0 updated, 2 unchanged" in output
    assert dict(Event.objects.values_list("slug", "version")) == versions


def test_a_file_without_translated_columns_leaves_translations_as_they_are(tmp_path):
    """The CSV as exported before the site had translations still imports."""
    translated_case()
    path = write(tmp_path, ROW.replace("Founder arrested", "Founder arrested (corrected)"))

    output, _ = run_import("translated", path)

    assert "1 updated" in output
    event = Event.objects.get(slug="arrest")
    assert (event.title_en, event.title_de, event.summary_ug) == (
        "Founder arrested (corrected)",
        "Gründer verhaftet",
        "ئۇ ئېلىپ كېتىلدى.",
    )


def test_translated_columns_set_and_clear_translations(tmp_path):
    translated_case()
    path = write(
        tmp_path,
        ROW + ",Gründer festgenommen,,,,Негізін қалаушы ұсталды,Ол әкетілді.,,",
        header=TRANSLATED_HEADER,
    )

    run_import("translated", path)

    event = Event.objects.get(slug="arrest")
    assert (event.title_de, event.summary_de, event.title_ru) == (
        "Gründer festgenommen",
        "",
        "",
    )
    assert (event.title_kk, event.summary_kk, event.summary_ug) == (
        "Негізін қалаушы ұсталды",
        "Ол әкетілді.",
        "",
    )
    assert event.summary_html_kk == "<p>Ол әкетілді.</p>"
    assert event.history.first().title_kk == "Негізін қалаушы ұсталды"


def test_a_new_event_may_come_with_its_translations(tmp_path):
    make_case(slug="translated")
    path = write(
        tmp_path,
        ROW.replace("arrest,", "new-arrest,", 1) + ",Verhaftet,,,,,,,",
        header=TRANSLATED_HEADER,
    )

    run_import("translated", path)

    event = Event.objects.get(slug="new-arrest")
    assert (event.title, event.title_en, event.title_de, event.title_ru) == (
        "Founder arrested",
        "Founder arrested",
        "Verhaftet",
        "",
    )
    assert event.citations.get().quote_translation_de == ""


def test_a_translation_breaking_the_models_rules_is_a_problem_of_its_column(tmp_path):
    make_case(slug="translated")
    path = write(tmp_path, ROW + ",,," + "Я" * 301 + ",,,,,", header=TRANSLATED_HEADER)

    with pytest.raises(CommandError) as error:
        run_import("translated", path)

    assert any('row 2, column "title_ru"' in line for line in problems(error.value))
    assert not Event.objects.exists()
