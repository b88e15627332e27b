from collections.abc import Collection, Iterable

from django.conf import global_settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from caseapp.cases import dates, images
from caseapp.cases.addresses import slug_url
from caseapp.cases.dates import Precision, Qualifier
from caseapp.cases.text import folded
from caseapp.cases.translated import (
    OriginalColumnsQuerySet,
    in_original_language,
    language_columns,
    render_each_language,
    values_in_every_language,
)
from caseapp.localised import language_name
from caseapp.publishing.models import (
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    is_along,
)

LANGUAGE_CHOICES = global_settings.LANGUAGES
_LANGUAGE_LABELS = dict(LANGUAGE_CHOICES)


SUMMARY_HTML_COLUMNS = language_columns("summary_html")


class Image(models.Model):
    """A picture with the caption, credit and licence it must always carry."""

    file = images.PictureField(
        _("file"),
        upload_to="images/%Y/",
        blank=True,
        help_text=_(
            "JPEG, PNG or WebP, at most 10 MB and 40 million pixels. Location, camera and "
            "every other detail stored in the file are removed when it is saved."
        ),
    )
    # Of the stored file, so pages can reserve its place before it loads.
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("text alternative"), max_length=300, blank=True, help_text=_("What the image shows.")
    )
    caption = models.TextField(_("caption"), blank=True)
    caption_language = models.CharField(
        _("caption language"),
        max_length=10,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("Keep a caption as the source wrote it; say here which language that is."),
    )
    credit = models.CharField(_("credit"), max_length=300)
    licence = models.CharField(_("licence"), max_length=100, help_text=_("e.g. CC BY 2.0"))
    licence_url = models.URLField(_("licence address"), blank=True)
    source_url = models.URLField(_("source address"), blank=True)

    objects = OriginalColumnsQuerySet.as_manager()

    class Meta:
        ordering = ["credit", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return f"{self.caption[:60] or self.alt_text[:60] or _('Image')} ({self.credit_line})"

    def save(self, *args, **kwargs) -> None:
        # A new upload is stored only as `clean_image` encodes it afresh, without metadata.
        if self.file and not self.file._committed:
            clean = images.clean_image(self.file)
            self.file.save(clean.file.name, clean.file, save=False)
            self.width, self.height = clean.width, clean.height
        elif not self.file:
            self.width = self.height = None
        with in_original_language(self):
            super().save(*args, **kwargs)

    @property
    def credit_line(self) -> str:
        return f"{self.credit}, {self.licence}"


class Place(models.Model):
    name = models.CharField(pgettext_lazy("name of a place", "name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("Filled in from the name as you type.")
    )
    country = CountryField(_("country"), blank=True)
    # The name in every language case-folded, one per line (the original first), for searches
    # that ignore case in every script.
    search_text = models.CharField(max_length=1000, editable=False, default="")

    objects = OriginalColumnsQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return f"{self.name}, {self.country.name}" if self.country else self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        with in_original_language(self):
            super().save(*args, **kwargs)

    def fill_derived_fields(self) -> None:
        """Set what is computed from the editable fields; `save` calls it, bulk writes must."""
        self.search_text = folded(*values_in_every_language(self, "name"))[:1000]


class SourceKind(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Press release")
    NEWS_REPORT = "news_report", _("News report")
    LEGAL_DOCUMENT = "legal_document", _("Legal document")
    VIDEO = "video", _("Video")
    SOCIAL_POST = "social_post", _("Social media post")
    REPORT = "report", _("Report")
    OTHER = "other", pgettext_lazy("kind of source", "Other")


# As the site writes them inside a sentence: "(press release, English)".
_SOURCE_KIND_WORDS = {
    SourceKind.PRESS_RELEASE: _("press release"),
    SourceKind.NEWS_REPORT: _("news report"),
    SourceKind.LEGAL_DOCUMENT: _("legal document"),
    SourceKind.VIDEO: _("video"),
    SourceKind.SOCIAL_POST: _("social media post"),
    SourceKind.REPORT: _("report"),
    SourceKind.OTHER: pgettext_lazy("kind of source, inside a sentence", "other"),
}


class SourceQuerySet(models.QuerySet):
    def published(self):
        """Sources that a published event of a published case cites: a source cited only by
        drafts is not public."""
        citing = Citation.objects.filter(
            source=models.OuterRef("pk"),
            event__publication_status=PublicationStatus.PUBLISHED,
            event__case__publication_status=PublicationStatus.PUBLISHED,
        )
        return self.filter(models.Exists(citing))


# Slugs of sources are cut to this length before a suffix makes them unique.
_SOURCE_SLUG_LENGTH = 80


def fill_source_slugs(sources: Iterable["Source"]) -> None:
    """Give each source without a slug one made from its title, unique among `sources` and in
    the database: `stp-press-release`, then `stp-press-release-2`, … A few queries for any
    number of sources, for the bulk writers (imports, synthetic data) as for `save()`."""
    sources = [source for source in sources if not source.slug]
    bases = [
        (source, slugify(source.title)[:_SOURCE_SLUG_LENGTH].strip("-") or "source")
        for source in sources
    ]
    taken: set[str] = set()
    for chunk in _chunked(sorted({base for _source, base in bases}), 200):
        query = models.Q()
        for base in chunk:
            query |= models.Q(slug=base) | models.Q(slug__startswith=f"{base}-")
        taken.update(Source.objects.filter(query).values_list("slug", flat=True))
    for source, base in bases:
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        source.slug = slug


def _chunked(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Source(models.Model):
    """A document that events rest on."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Its address on the site, filled in from the title as you type; made from the "
            "title on save when left empty."
        ),
    )
    publisher = models.CharField(
        pgettext_lazy("who published a source", "publisher"), max_length=200
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    url = models.URLField(_("address"), max_length=500, blank=True)
    archived_url = models.URLField(
        _("archived copy"),
        max_length=500,
        blank=True,
        help_text=_("A copy in a web archive, in case the original disappears."),
    )
    published_on = models.DateField(_("date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    notes = models.TextField(_("editors' notes"), blank=True)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        when = f", {self.published_on:%d %b %Y}" if self.published_on else ""
        return f"{self.publisher}: {self.title}{when}"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            fill_source_slugs([self])
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("cases:source", self.slug)

    def get_kind_display(self) -> str:
        """The kind as the site writes it inside a sentence: "press release"."""
        return _SOURCE_KIND_WORDS.get(self.kind, self.kind)

    def get_language_display(self) -> str:
        """The source's language named in the reader's language (CLDR; English as it was)."""
        return language_name(self.language, _LANGUAGE_LABELS.get(self.language, self.language))


class SourceText(models.Model):
    """A source's full text, pasted by an editor so that quotes can be checked against it
    (`caseapp.cases.quotes`). Kept apart from `Source` so that no public page, feed or export,
    which all load sources, ever loads it or could show it: it is for the admin only."""

    source = models.OneToOneField(
        Source,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_text",
    )
    text = models.TextField(
        _("full text"),
        blank=True,
        help_text=_(
            "Paste the source's text here (or the part you cite). On each save the admin warns "
            "about a citation whose quote does not occur in it, ignoring case, spacing and the "
            "kind of quotation marks and dashes. Seen in the admin only: never shown on the "
            "site or in exports."
        ),
    )

    class Meta:
        verbose_name = _("full text")
        verbose_name_plural = _("full texts")

    def __str__(self) -> str:
        return str(_("Full text of %(source)s") % {"source": self.source})


class CaseStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    CLOSED = "closed", _("Closed")


_CASE_STATUS_LABELS = dict(CaseStatus.choices)


class CaseQuerySet(OriginalColumnsQuerySet, PublishableQuerySet):
    pass


class Case(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Its address on the site, filled in from the title as you type."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    # `summary` as sanitised HTML, rendered on save.
    summary_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("case status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.ONGOING
    )
    status_as_of = models.DateField(
        _("status as of"),
        null=True,
        blank=True,
        help_text=_(
            "The day the status and the status line were last checked against the sources. "
            "The page warns readers when this is more than six months ago."
        ),
    )
    status_line = models.CharField(
        _("status line"),
        max_length=160,
        blank=True,
        help_text=_(
            "Where the case stands on that day, in one short line, e.g. “Released from house "
            "arrest; charges pending”."
        ),
    )
    subjects = models.ManyToManyField(
        "actors.Actor",
        verbose_name=_("subjects"),
        related_name="subject_of_cases",
        blank=True,
        help_text=_("The people or groups the case is about."),
    )
    lead_image = models.ForeignKey(
        Image,
        verbose_name=_("lead image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CaseQuerySet.as_manager()
    # The history (`Case.history`) is registered in translation.py, after the language columns
    # exist, so that versions keep every translation.

    class Meta:
        ordering = ["title"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("publish_case", _("Can publish and unpublish cases"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("cases:case", self.slug)

    def get_status_display(self) -> str:
        return _CASE_STATUS_LABELS.get(self.status, self.status)

    @property
    def summary_rendered(self) -> SafeString:
        # Sanitised by nh3 when it was saved.
        return mark_safe(self.summary_html)

    def fill_derived_fields(self) -> None:
        """Set what is computed from the editable fields; `save` calls it, bulk writes must."""
        render_each_language(self, "summary", "summary_html")

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "summary_html", *SUMMARY_HTML_COLUMNS}
        with in_original_language(self):
            super().save(*args, **kwargs)

    def publish_problems(self, along: Collection[Publishable] = (), *, subjects=None) -> list[str]:
        """A case goes public with at least one published event and only publishable subjects.

        `subjects` replaces the saved ones, for a form about to change them.
        """
        problems = []
        has_event = any(isinstance(item, Event) and item.case_id == self.pk for item in along) or (
            self.pk is not None and self.events.published_status().exists()
        )
        if not has_event:
            problems.append(
                _("“%(case)s” has no published event yet: publish one of its events first.")
                % {"case": self}
            )
        if subjects is None:
            subjects = self.subjects.all() if self.pk is not None else []
        problems += unpublished_actor_problems(subjects, along, shown_on=self)
        return problems


class EventKind(models.TextChoices):
    ARREST = "arrest", _("Arrest")
    DETENTION = "detention", _("Detention")
    HOUSE_ARREST = "house_arrest", _("House arrest")
    RELEASE = "release", _("Release")
    CHARGE = "charge", _("Charge")
    HEARING = "hearing", _("Hearing")
    VERDICT = "verdict", _("Verdict")
    APPEAL = "appeal", _("Appeal")
    STATEMENT = "statement", _("Statement")
    PUBLICATION = "publication", pgettext_lazy("kind of event", "Publication")
    PROTEST = "protest", _("Protest")
    CLOSURE = "closure", _("Closure")
    RAID = "raid", _("Raid or confiscation")
    INTIMIDATION = "intimidation", _("Intimidation")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", pgettext_lazy("kind of event", "Other")


_EVENT_KIND_LABELS = dict(EventKind.choices)


# The order of every timeline: by the day an event starts, then `_SORT_RANK` among events
# starting that day, then by key. The timeline indexes (`Event.Meta.indexes`) hold these
# columns in this order, so a timeline is read from an index without a sort.
TIMELINE_ORDER = ("range_start", "sort_rank", "pk")


class EventQuerySet(OriginalColumnsQuerySet, PublishableQuerySet):
    def published(self):
        """Published events of published cases: nothing leaks out of a draft case.

        The case is checked per event rather than joined, so that the database walks an event
        index in timeline order instead of starting from the cases and sorting."""
        public_case = Case.objects.published().filter(pk=models.OuterRef("case_id"))
        return super().published().filter(models.Exists(public_case))

    def published_status(self):
        """Events marked published, whether or not their case is public yet."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def in_timeline_order(self, *, newest_first: bool = False):
        """These events as a timeline lists them (`TIMELINE_ORDER`), or the other way round."""
        if newest_first:
            return self.order_by(*(f"-{field}" for field in TIMELINE_ORDER))
        return self.order_by(*TIMELINE_ORDER)

    def earlier_than(self, event: "Event"):
        """Those before `event` in timeline order. The first condition lets the database seek
        along a timeline index; the rest only sort out the events of `event`'s day."""
        day, rank = event.range_start, event.sort_rank
        return self.filter(range_start__lte=day).filter(
            models.Q(range_start__lt=day)
            | models.Q(range_start=day, sort_rank__lt=rank)
            | models.Q(range_start=day, sort_rank=rank, pk__lt=event.pk)
        )

    def later_than(self, event: "Event"):
        """Those after `event` in timeline order, seeking along a timeline index likewise."""
        day, rank = event.range_start, event.sort_rank
        return self.filter(range_start__gte=day).filter(
            models.Q(range_start__gt=day)
            | models.Q(sort_rank__gt=rank)
            | models.Q(sort_rank=rank, pk__gt=event.pk)
        )


# Among events starting on the same day: "before" first, coarse dates at the start of their
# period, "after" last.
_SORT_RANK = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}


# The fields a partial date is written from (`dates.py`): what any read that shows or sorts
# an event's date must load.
PARTIAL_DATE_FIELDS = (
    "start_date",
    "start_precision",
    "start_qualifier",
    "end_date",
    "end_precision",
    "end_qualifier",
)


class Event(Publishable):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_("Its address within the case, filled in from the title as you type."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    # `summary` as sanitised HTML, rendered on save.
    summary_html = models.TextField(editable=False, default="")
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    start_date = models.DateField(
        _("start"),
        help_text=_("As precisely as the source gives it: 2019-03-09, 2019-03 or 2019."),
    )
    start_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    start_qualifier = models.CharField(
        _("qualifier"), max_length=6, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_qualifier = models.CharField(
        _("end qualifier"), max_length=6, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    is_milestone = models.BooleanField(
        _("milestone"), default=False, help_text=_("A turning point, shown prominently.")
    )
    actors = models.ManyToManyField(
        "actors.Actor", through="Participation", related_name="events", verbose_name=_("actors")
    )
    sources = models.ManyToManyField(
        Source, through="Citation", related_name="events", verbose_name=_("sources")
    )
    # Derived from the dates on save, for sorting and for filtering by overlap with a window.
    range_start = models.DateField(editable=False)
    range_end = models.DateField(editable=False, null=True, help_text="None while ongoing.")
    sort_rank = models.PositiveSmallIntegerField(editable=False, default=0)

    objects = EventQuerySet.as_manager()
    # `Event.history` is registered in translation.py, like `Case.history`.

    class Meta:
        ordering = list(TIMELINE_ORDER)
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "slug"],
                name="event_slug_unique_in_case",
                violation_error_message=_("This case already has an event with this slug."),
            ),
        ]
        permissions = [("publish_event", _("Can publish and unpublish events"))]
        # Each timeline query walks one of these in timeline order, or counts from it alone
        # (the plans are asserted in tests/test_query_plans.py).
        indexes = [
            models.Index(
                fields=["case", "publication_status", "range_start", "sort_rank", "id"],
                name="event_case_timeline",
            ),
            models.Index(
                fields=["publication_status", "range_start", "sort_rank", "id", "case"],
                name="event_timeline",
            ),
            models.Index(
                fields=["case", "publication_status", "kind", "range_start", "sort_rank"],
                name="event_case_kind",
            ),
            models.Index(
                fields=["case", "publication_status", "place", "range_start", "sort_rank"],
                name="event_case_place",
            ),
            models.Index(
                fields=["case", "publication_status", "range_end"], name="event_case_range_end"
            ),
            models.Index(
                fields=["case", "publication_status", "updated_at"], name="event_case_updated"
            ),
            # Feeds: the newest publications of a case, or of every case.
            models.Index(
                fields=[
                    "case",
                    "publication_status",
                    "published_at",
                    "range_start",
                    "sort_rank",
                    "id",
                ],
                name="event_case_published",
            ),
            models.Index(
                fields=["publication_status", "published_at", "range_start", "sort_rank", "id"],
                name="event_published",
            ),
            models.Index(fields=["publication_status", "kind", "case"], name="event_kind"),
            models.Index(fields=["publication_status", "place", "case"], name="event_place"),
            models.Index(
                fields=["publication_status", "range_end", "case"], name="event_range_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.title}"

    def get_absolute_url(self) -> str:
        return slug_url("cases:event", self.case.slug, self.slug)

    def get_kind_display(self) -> str:
        return _EVENT_KIND_LABELS.get(self.kind, self.kind)

    @property
    def summary_rendered(self) -> SafeString:
        # Sanitised by nh3 when it was saved.
        return mark_safe(self.summary_html)

    @property
    def date_parts(self) -> dates.RangeParts:
        """The date in words, split so the start and the end can each sit in a `<time>`."""
        return dates.range_parts(
            self.start_date,
            self.start_precision,
            self.start_qualifier,
            self.end_date,
            self.end_precision,
            self.end_qualifier,
        )

    @property
    def date_display(self) -> str:
        """The date as a person writes it: `9 March 2019`, `since April 2017`, `c. 2018`."""
        return str(self.date_parts)

    @property
    def start_iso(self) -> str:
        return dates.iso_text(self.start_date, self.start_precision)

    @property
    def end_iso(self) -> str:
        return dates.iso_text(self.end_date, self.end_precision) if self.end_date else ""

    @property
    def is_approximate(self) -> bool:
        """True when the sources give the date only roughly or as a bound."""
        return self.start_qualifier != Qualifier.EXACT or (
            self.end_date is not None and self.end_qualifier != Qualifier.EXACT
        )

    def clean(self) -> None:
        errors = {}
        if self.start_date and (
            problem := dates.precision_error(self.start_date, self.start_precision)
        ):
            errors["start_date"] = problem
        if self.end_date and (problem := dates.precision_error(self.end_date, self.end_precision)):
            errors["end_date"] = problem
        if self.start_date and self.end_date and not errors:
            if dates.period_end(self.end_date, self.end_precision) < self.start_date:
                errors["end_date"] = _("The end lies before the start.")
            elif self.start_qualifier == Qualifier.SINCE:
                errors["start_qualifier"] = _(
                    "“Since” means still going on; with an end date, choose another qualifier."
                )
        if errors:
            raise ValidationError(errors)

    def publish_problems(
        self,
        along: Collection[Publishable] = (),
        *,
        citation_count: int | None = None,
        actors: Iterable | None = None,
    ) -> list[str]:
        """An event goes public with a kind, a date, a source and only publishable actors.

        `citation_count` and `actors` replace the saved ones, for a form about to change them.
        """
        problems = []
        if not self.kind:
            problems.append(_("“%(event)s” needs a kind.") % {"event": self.title})
        if not self.start_date:
            problems.append(_("“%(event)s” needs a date.") % {"event": self.title})
        if citation_count is None:
            citation_count = self.citations.count() if self.pk is not None else 0
        if citation_count == 0:
            problems.append(self.missing_citation_problem())
        if actors is None:
            actors = self.actors.all() if self.pk is not None else []
        problems += unpublished_actor_problems(actors, along, shown_on=self)
        return problems

    def missing_citation_problem(self) -> str:
        return _("“%(event)s” cites no source: add at least one citation before publishing.") % {
            "event": self.title
        }

    def unpublish_problems(self, along: Collection[Publishable] = ()) -> list[str]:
        """A published case keeps at least one published event."""
        if not self.case.is_published or is_along(self.case, along):
            return []
        others = self.case.events.published_status().exclude(pk=self.pk)
        leaving = [item.pk for item in along if isinstance(item, Event)]
        if others.exclude(pk__in=leaving).exists():
            return []
        return [
            _(
                "“%(event)s” is the last published event of the published case “%(case)s”: "
                "unpublish the case along with it, or publish another of its events first."
            )
            % {"event": self.title, "case": self.case}
        ]

    def fill_derived_fields(self) -> None:
        """Set what is computed from the editable fields: the sort and filter range and the
        summary's HTML. `save` calls it; bulk writes must call it themselves."""
        self.range_start, self.range_end, self.sort_rank = self._sort_fields()
        render_each_language(self, "summary", "summary_html")

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        if update_fields := kwargs.get("update_fields"):
            derived = {
                "range_start",
                "range_end",
                "sort_rank",
                "summary_html",
                *SUMMARY_HTML_COLUMNS,
            }
            kwargs["update_fields"] = {*update_fields, *derived}
        with in_original_language(self):
            super().save(*args, **kwargs)

    def _sort_fields(self):
        if self.end_date:
            range_end = dates.period_end(self.end_date, self.end_precision)
        elif self.start_qualifier == Qualifier.SINCE:
            range_end = None
        else:
            range_end = dates.period_end(self.start_date, self.start_precision)
        if self.start_qualifier == Qualifier.BEFORE:
            rank = 0
        elif self.start_qualifier == Qualifier.AFTER:
            rank = 4
        else:
            rank = _SORT_RANK[self.start_precision]
        return self.start_date, range_end, rank


class Role(models.TextChoices):
    SUBJECT = "subject", _("Subject")
    ACCUSER = "accuser", _("Accuser")
    AUTHORITY = "authority", _("Authority")
    PERPETRATOR = "perpetrator", _("Perpetrator")
    ADVOCATE = "advocate", _("Advocate")
    LAWYER = "lawyer", _("Lawyer")
    WITNESS = "witness", _("Witness")
    VICTIM = "victim", _("Victim")
    AUTHOR = "author", _("Author")
    PARTICIPANT = "participant", _("Participant")
    ADDRESSEE = "addressee", _("Addressee")
    OTHER = "other", pgettext_lazy("role in an event", "Other")


# As the site writes them inside a sentence: "Serikzhan Bilash (subject)".
_ROLE_WORDS = {
    Role.SUBJECT: _("subject"),
    Role.ACCUSER: _("accuser"),
    Role.AUTHORITY: _("authority"),
    Role.PERPETRATOR: _("perpetrator"),
    Role.ADVOCATE: _("advocate"),
    Role.LAWYER: _("lawyer"),
    Role.WITNESS: _("witness"),
    Role.VICTIM: _("victim"),
    Role.AUTHOR: _("author"),
    Role.PARTICIPANT: _("participant"),
    Role.ADDRESSEE: _("addressee"),
    Role.OTHER: pgettext_lazy("role in an event, inside a sentence", "other"),
}


class Participation(models.Model):
    """An actor's role in an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    # Versioned with its event: an event's version holds the participations as they stood
    # until the event's next version (`caseapp.cases.history_admin`).
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "role", "actor__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        # An actor's events (their profile, the actor filter); the unique constraint below
        # serves an event's actors.
        indexes = [models.Index(fields=["actor", "event"], name="participation_actor_event")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor", "role"],
                name="participation_unique_role",
                violation_error_message=_("This actor already has this role in the event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"

    def get_role_display(self) -> str:
        """The role as the site writes it inside a sentence: "subject"."""
        return _ROLE_WORDS.get(self.role, self.role)

    def clean(self) -> None:
        # A published event shows its actors, so each must be public too.
        try:
            event, actor = self.event, self.actor
        except ObjectDoesNotExist:
            return
        if event.is_published and not actor.is_published:
            raise ValidationError(
                {
                    "actor": _(
                        "%(actor)s is not published, and a published event shows only "
                        "published actors: publish the actor first."
                    )
                    % {"actor": actor}
                }
            )


class Citation(models.Model):
    """An event resting on a source, with the passage that supports it."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("As the source words it, in the source's language.")
    )
    quote_translation = models.TextField(
        _("translation of the quote"),
        blank=True,
        help_text=_("Optional: the quote in the page's language, shown beside the quote."),
    )
    locator = models.CharField(
        _("locator"), max_length=100, blank=True, help_text=_("e.g. p. 4, para. 3, 02:31")
    )
    position = models.PositiveSmallIntegerField(
        _("order on the page"),
        blank=True,
        help_text=_("1 is shown first. Leave empty to put it after the event's other sources."),
    )

    objects = OriginalColumnsQuerySet.as_manager()
    # Versioned with its event, like `Participation.history`; registered in translation.py.

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        return f"{self.source}{f', {self.locator}' if self.locator else ''}"

    def save(self, *args, **kwargs) -> None:
        # A citation added without a number goes after the event's others.
        if self.position is None:
            last = Citation.objects.filter(event_id=self.event_id).aggregate(
                last=models.Max("position")
            )["last"]
            self.position = (last or 0) + 1
        with in_original_language(self):
            super().save(*args, **kwargs)


def unpublished_actor_problems(
    actors: Iterable, along: Collection[Publishable], *, shown_on: Publishable
) -> list[str]:
    """Actors that would appear on a public page of `shown_on` without being public themselves."""
    hidden = sorted(
        {str(actor) for actor in actors if not actor.is_published and not is_along(actor, along)}
    )
    if not hidden:
        return []
    return [
        _(
            "“%(record)s” shows actors that are not published: %(actors)s. "
            "Publish them first, or along with it."
        )
        % {"record": getattr(shown_on, "title", shown_on), "actors": ", ".join(hidden)}
    ]


class PublicationGeneration(models.Model):
    """A number that goes up with every change that can alter what the public sees.

    Work that depends only on saved data (a timeline's counts) is cached under it, so the next
    request after a change computes afresh and nothing waits for a timeout. One row; see
    `caseapp.cases.generation`.
    """

    value = models.PositiveBigIntegerField(default=0)
    # Written anew when the row is (re)created, e.g. after a database is emptied and reloaded,
    # so that counts cached for an earlier database are never read for this one.
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("publication generation")

    def __str__(self) -> str:
        return f"{self.token}:{self.value}"


class FacetCount(models.Model):
    """How many published events of a case have one value of a facet — a kind, a place, an
    actor, or `total` for all of them —, kept up to date as events and roles are saved
    (`caseapp.cases.counters`), so that a case's filter choices cost the same at any size."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    facet = models.CharField(max_length=10)
    # The kind's value, the place's or actor's primary key, or "" for the total.
    value = models.CharField(max_length=40, blank=True)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "facet", "value"], name="facet_count_unique")
        ]
        indexes = [models.Index(fields=["case", "facet", "-count"], name="facet_count_top")]
        verbose_name = _("facet count")

    def __str__(self) -> str:
        return f"{self.case_id} {self.facet}={self.value}: {self.count}"
