"""The status card at the top of a case page: the editors' status as of the day they checked it,
what the published record says up to today (time since the arrest, days in custody, the next
hearing), a notice when the status is six months old, and a fixed cost whatever the case."""

import datetime
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from caseapp.cases.dates import Precision, Qualifier
from caseapp.cases.models import Case, EventKind, Role
from caseapp.cases.status import case_status, months_before
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event

DRAFT = PublicationStatus.DRAFT


def status_card(client, case: Case) -> str:
    """The text of the case page's status card, tags removed, spaces collapsed."""
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    match = re.search(r'<section class="status-card.*?</section>', response.content.decode(), re.S)
    assert match, "no status card"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(0))).split())


def written(day: datetime.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def subject(db):
    return make_actor(name="Ana Subject")


@pytest.fixture
def case(subject, today) -> Case:
    case = make_case(
        slug="a-case",
        status_as_of=today - datetime.timedelta(days=10),
        status_line="Held in pre-trial detention; trial date set",
    )
    case.subjects.add(subject)
    return case


def test_it_shows_the_status_as_of_the_day_the_editors_checked_it(case, visitor, today):
    make_event(case, kind=EventKind.STATEMENT, actors=[])
    card = status_card(visitor, case)
    as_of = written(today - datetime.timedelta(days=10))
    assert f"Ongoing as of {as_of} : Held in pre-trial detention; trial date set" in card
    assert "may be out of date" not in card


def test_ongoing_never_stands_without_an_as_of_even_when_no_editor_dated_it(db, visitor, today):
    case = make_case(slug="undated")
    make_event(case, kind=EventKind.STATEMENT)
    card = status_card(visitor, case)
    # The last change to the case or its events stands in for a review.
    assert f"Ongoing as of {written(today)}" in card


def test_it_counts_the_time_since_the_first_published_arrest(case, subject, visitor, today):
    arrested = months_before(today, 14)
    make_event(case, kind=EventKind.ARREST, start_date=arrested, actors=[subject], slug="arrest")
    make_event(
        case,
        kind=EventKind.ARREST,
        start_date=months_before(today, 3),
        actors=[subject],
        slug="arrested-again",
    )
    card = status_card(visitor, case)
    assert f"Since the arrest 1 year, 2 months (arrested {written(arrested)} )" in card


def test_it_adds_up_days_in_custody_counting_an_open_range_up_to_today(
    case, subject, visitor, today
):
    start = today - datetime.timedelta(days=99)
    # Ten days of detention, then house arrest since `start`, still under way.
    make_event(
        case,
        kind=EventKind.DETENTION,
        start_date=start - datetime.timedelta(days=30),
        end_date=start - datetime.timedelta(days=21),
        actors=[subject],
    )
    make_event(
        case,
        kind=EventKind.HOUSE_ARREST,
        start_date=start,
        start_qualifier=Qualifier.SINCE,
        actors=[subject],
    )
    card = status_card(visitor, case)
    as_of = written(today - datetime.timedelta(days=10))
    assert "In detention 10 days In house arrest" in card
    assert f"In house arrest 100 days ( since {written(start)} ; " in card
    assert f"under way in the record as of {as_of} )" in card


def test_a_range_ending_after_today_counts_up_to_today_and_is_under_way(
    case, subject, visitor, today
):
    make_event(
        case,
        kind=EventKind.HOUSE_ARREST,
        start_date=today - datetime.timedelta(days=4),
        end_date=today + datetime.timedelta(days=60),
        actors=[subject],
    )
    card = status_card(visitor, case)
    assert "In house arrest 5 days (" in card
    assert "under way in the record as of" in card


def test_a_month_precision_range_is_counted_as_about(case, subject, visitor):
    make_event(
        case,
        kind=EventKind.HOUSE_ARREST,
        start_date=datetime.date(2019, 3, 11),
        end_date=datetime.date(2019, 5, 1),
        end_precision=Precision.MONTH,
        actors=[subject],
    )
    card = status_card(visitor, case)
    # 11 March to 31 May, both counted.
    assert "In house arrest about 82 days" in card
    assert "under way" not in card


def test_custody_of_others_told_for_context_is_not_the_subjects(case, visitor):
    make_event(case, kind=EventKind.DETENTION, start_date=datetime.date(2017, 4, 1), actors=[])
    card = status_card(visitor, case)
    assert "In detention" not in card


def test_it_names_the_next_hearing_and_not_a_past_one(case, visitor, today):
    make_event(case, kind=EventKind.HEARING, start_date=today - datetime.timedelta(days=3))
    soon = today + datetime.timedelta(days=20)
    later = today + datetime.timedelta(days=40)
    make_event(case, kind=EventKind.HEARING, start_date=later, slug="later-hearing")
    make_event(case, kind=EventKind.HEARING, start_date=soon, slug="next-hearing")
    response = visitor.get(case.get_absolute_url()).content.decode()
    card = status_card(visitor, case)
    assert f"Next hearing {written(soon)}" in card
    assert written(later) not in card
    assert f'href="{case.get_absolute_url()}events/next-hearing/"' in response


def test_drafts_are_never_counted(case, subject, visitor, today):
    make_event(case, kind=EventKind.STATEMENT)
    make_event(
        case,
        kind=EventKind.ARREST,
        start_date=months_before(today, 30),
        actors=[subject],
        publication_status=DRAFT,
    )
    make_event(
        case,
        kind=EventKind.DETENTION,
        start_date=today - datetime.timedelta(days=50),
        actors=[subject],
        publication_status=DRAFT,
    )
    make_event(
        case,
        kind=EventKind.HEARING,
        title="A hearing kept secret",
        slug="secret-hearing",
        start_date=today + datetime.timedelta(days=5),
        publication_status=DRAFT,
    )
    response = visitor.get(case.get_absolute_url()).content.decode()
    card = status_card(visitor, case)
    assert "Since the arrest" not in card
    assert "In detention" not in card
    assert "Next hearing" not in card
    assert "secret-hearing" not in response


def test_a_status_older_than_six_months_gets_a_notice(case, visitor, today):
    make_event(case, kind=EventKind.STATEMENT)
    reviewed = months_before(today, 6) - datetime.timedelta(days=1)
    Case.objects.filter(pk=case.pk).update(status_as_of=reviewed)
    card = status_card(visitor, case)
    assert f"Status last reviewed on {written(reviewed)} — it may be out of date." in card


def test_a_status_reviewed_within_six_months_gets_no_notice(case, visitor, today):
    make_event(case, kind=EventKind.STATEMENT)
    Case.objects.filter(pk=case.pk).update(status_as_of=months_before(today, 6))
    assert "may be out of date" not in status_card(visitor, case)


def test_the_demo_case_says_where_bilash_stood_and_that_it_is_old(demo_case, visitor):
    card = status_card(visitor, demo_case)
    assert "Ongoing as of 19 March 2019 : Released from custody into two months of house" in card
    assert "Status last reviewed on 19 March 2019 — it may be out of date." in card
    assert "(arrested 9 March 2019 )" in card
    assert "In house arrest about 82 days" in card
    # The Xinjiang camps are context, not Bilash's detention; the hearing is long past.
    assert "In detention" not in card
    assert "Next hearing" not in card


def test_months_before_keeps_the_day_or_the_last_of_a_shorter_month():
    assert months_before(datetime.date(2026, 11, 27), 6) == datetime.date(2026, 5, 27)
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 3, 3), 6) == datetime.date(2025, 9, 3)


def test_the_card_costs_a_fixed_number_of_queries_whatever_the_case(case, subject, today):
    """Guards against reading events one by one: aggregates and single rows only."""

    def queries(count: int) -> int:
        for n in range(count):
            start = today - datetime.timedelta(days=10 * (n + 2))
            make_event(
                case,
                kind=[EventKind.DETENTION, EventKind.HOUSE_ARREST][n % 2],
                start_date=start,
                end_date=start + datetime.timedelta(days=3),
                actors=[subject],
            )
            make_event(case, kind=EventKind.ARREST, start_date=start, actors=[subject])
            make_event(
                case, kind=EventKind.HEARING, start_date=today + datetime.timedelta(days=n + 1)
            )
        make_event(
            case,
            kind=EventKind.HOUSE_ARREST,
            start_date=today - datetime.timedelta(days=3),
            actors=[subject],
        )
        fresh = Case.objects.get(pk=case.pk)
        with CaptureQueriesContext(connection) as context:
            card = case_status(fresh, fresh.events.published(), today=today)
        assert card["arrest"] and card["next_hearing"] and len(card["custody"]) == 2
        return len(context)

    few = queries(2)
    # Arrest, custody (one GROUP BY), the start of a custody under way, the next hearing.
    assert few <= 5
    assert queries(60) == few


def test_the_admin_form_offers_the_status_fields_with_help(publisher, case):
    page = publisher.get(f"/admin/cases/case/{case.pk}/change/").content.decode()
    assert 'name="status_as_of"' in page
    assert 'name="status_line_en"' in page and 'name="status_line_de"' in page
    assert "last checked against the sources" in page


def test_the_status_fields_are_kept_in_the_history(case):
    case.status_line = "Released"
    case.save()
    assert case.history.first().status_line == "Released"
    assert case.history.last().status_line == "Held in pre-trial detention; trial date set"


def test_the_json_export_carries_the_status_fields(case, visitor):
    make_event(case, kind=EventKind.STATEMENT)
    response = visitor.get(f"/cases/{case.slug}/export.json")
    document = json.loads(b"".join(response.streaming_content))
    assert document["case"]["status_as_of"] == case.status_as_of.isoformat()
    assert document["case"]["status_line"] == "Held in pre-trial detention; trial date set"


def test_role_other_than_subject_does_not_make_custody_the_subjects(case, subject, visitor):
    make_event(
        case,
        kind=EventKind.DETENTION,
        start_date=datetime.date(2020, 1, 1),
        actors=[(subject, Role.WITNESS)],
    )
    assert "In detention" not in status_card(visitor, case)


def test_a_staff_preview_counts_events_in_review_but_never_drafts(editor, subject, today):
    case = make_case(slug="in-the-making", publication_status=DRAFT)
    case.subjects.add(subject)
    make_event(
        case,
        kind=EventKind.DETENTION,
        start_date=today - datetime.timedelta(days=9),
        start_qualifier=Qualifier.SINCE,
        actors=[subject],
        publication_status=PublicationStatus.REVIEW,
    )
    make_event(
        case,
        kind=EventKind.HEARING,
        start_date=today + datetime.timedelta(days=9),
        publication_status=DRAFT,
    )
    page = editor.get(f"/preview/cases/{case.pk}/")
    assert page.status_code == 200
    card = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())
    assert "In detention 10 days" in card
    assert "Next hearing" not in card
