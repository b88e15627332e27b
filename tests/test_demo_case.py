"""The demo case holds every fact of the STP press release of 19 March 2019, at the precision given."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Image, Participation, Place, Source

pytestmark = pytest.mark.django_db

SEED_FACTS = {
    # slug: (date as written, kind, words the title or summary must hold)
    "xinjiang-camp-detentions": ("since April 2017", "detention", "1.1 million"),
    "jebeu-open-letter": ("January 2019", "publication", "ban on Atajurt"),
    "bilash-arrested": ("9 March 2019", "arrest", "Article 174"),
    "atajurt-office-closed": ("after 9 March 2019", "closure", "computers and documents"),
    "bilash-house-arrest": ("11 March – May 2019", "house_arrest", "house arrest"),
    "bilash-forced-video": ("between 11 March and May 2019", "intimidation", "Aiman Umarova"),
    "astana-court-hearing": ("19 March 2019", "hearing", "court in Astana"),
    "stp-calls-for-eu-sanctions": (
        "19 March 2019",
        "statement",
        "travel bans and financial sanctions",
    ),
    "german-kazakh-government-commission": ("20 May 2019", "meeting", "civil society"),
}


def counts() -> dict[str, int]:
    models = [Case, Event, Actor, Source, Citation, Participation, Place, Image]
    return {model.__name__: model.objects.count() for model in models}


def test_it_holds_every_fact_of_the_press_release(demo_case):
    events = {event.slug: event for event in demo_case.events.published()}
    assert set(events) == set(SEED_FACTS)
    for slug, (date, kind, words) in SEED_FACTS.items():
        event = events[slug]
        assert event.date_display == date, slug
        assert event.kind == kind, slug
        assert words.lower() in f"{event.title} {event.summary}".lower(), slug


def test_every_event_cites_the_press_release_with_a_quote(demo_case):
    release = Source.objects.get(publisher__contains="Society for Threatened Peoples")
    assert release.published_on.isoformat() == "2019-03-19"
    assert release.kind == "press_release"
    for event in demo_case.events.all():
        citations = list(event.citations.all())
        assert citations, event.slug
        assert all(c.source == release and c.quote for c in citations), event.slug


def test_the_camps_date_is_a_month_and_approximate(demo_case):
    event = demo_case.events.get(slug="xinjiang-camp-detentions")
    assert (event.start_precision, event.start_iso, event.is_approximate) == (
        "month",
        "2017-04",
        True,
    )


def test_the_house_arrest_is_a_date_range(demo_case):
    event = demo_case.events.get(slug="bilash-house-arrest")
    assert (event.start_iso, event.end_iso) == ("2019-03-11", "2019-05")


def test_the_actors_take_their_roles(demo_case):
    roles = set(
        Participation.objects.filter(event__case=demo_case).values_list(
            "event__slug", "actor__slug", "role"
        )
    )
    assert {
        ("bilash-arrested", "serikzhan-bilash", "subject"),
        ("jebeu-open-letter", "jebeu", "accuser"),
        ("bilash-forced-video", "kazakh-intelligence-officials", "perpetrator"),
        ("bilash-forced-video", "aiman-umarova", "lawyer"),
        ("astana-court-hearing", "court-in-astana", "authority"),
        ("stp-calls-for-eu-sanctions", "ulrich-delius", "advocate"),
        ("stp-calls-for-eu-sanctions", "european-union", "addressee"),
    } <= roles
    expected_actors = {
        "serikzhan-bilash",
        "atajurt",
        "jebeu",
        "aiman-umarova",
        "ulrich-delius",
        "society-for-threatened-peoples",
        "court-in-astana",
        "kazakh-intelligence-officials",
        "government-of-kazakhstan",
        "european-union",
        "peoples-republic-of-china",
    }
    assert expected_actors <= set(Actor.objects.published().values_list("slug", flat=True))
    assert "Serikjan Bilash" in Actor.objects.get(slug="serikzhan-bilash").alias_list


def test_the_lead_image_keeps_its_credit_and_has_its_caption_in_english_and_german(demo_case):
    image = demo_case.lead_image
    assert image.credit == "BBC World Service via Flickr"
    assert image.licence == "CC BY 2.0"
    assert image.caption_en.startswith("A court in Astana decides today in a hearing")
    # The release's own German words.
    assert image.caption_de.startswith("Ein Gericht in Astana entscheidet heute in einer Anhörung")
    assert image.caption_language == ""


def test_the_case_is_about_bilash_and_atajurt(demo_case):
    assert set(demo_case.subjects.values_list("slug", flat=True)) == {"serikzhan-bilash", "atajurt"}
    assert demo_case.is_published


def test_loading_twice_duplicates_nothing(demo_case):
    before = counts()
    call_command("load_demo_case", stdout=io.StringIO())
    assert counts() == before


def test_loading_again_keeps_what_editors_changed(demo_case):
    event = demo_case.events.get(slug="bilash-arrested")
    event.title = "Serikzhan Bilash arrested in Almaty"
    event.save()
    call_command("load_demo_case", stdout=io.StringIO())
    event.refresh_from_db()
    assert event.title == "Serikzhan Bilash arrested in Almaty"


def test_reset_restores_the_file(demo_case):
    Event.objects.filter(slug="bilash-arrested").update(title="Changed")
    call_command("load_demo_case", "--reset", stdout=io.StringIO())
    assert Event.objects.get(slug="bilash-arrested").title == "Serikzhan Bilash arrested"


def test_every_quote_stands_word_for_word_in_the_paragraph_it_cites(demo_case):
    """The press release as published; paragraphs counted from the first after the caption."""
    text = (settings.BASE_DIR / "caseapp/fixtures/stp-press-release-2019-03-19.txt").read_text()
    paragraphs = [part.strip() for part in text.split("\n\n")][4:9]
    assert paragraphs[0].startswith("The Society for Threatened Peoples (STP) criticizes")
    for citation in Citation.objects.filter(event__case=demo_case):
        number = int(citation.locator.removeprefix("para. "))
        assert citation.quote in paragraphs[number - 1], citation.event.slug
