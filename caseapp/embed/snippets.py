"""What an embedding site copies: the loader snippet, the plain-iframe variant and the oEmbed
address of a case, carrying the filters of the page they were copied from."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from caseapp.cases.filters import CASE_FIELDS
from caseapp.cases.models import Case

# The filter parameters of a case's timeline, in the order they appear in a URL.
FILTER_PARAMS = CASE_FIELDS
# Filters that may repeat travel as one space-separated data attribute: data-kind="arrest hearing".
REPEATABLE_FILTERS = ("actor", "kind")
THEMES = ("auto", "light", "dark")
ORDERS = ("asc", "desc")
# Compact (the default): the milestones and the newest events, with a link to all of them.
VIEWS = ("compact", "full")
LIMIT_MAX = 100
# A compact widget shows this many newest events unless `limit` says otherwise…
COMPACT_LIMIT = 5
# …and at most this many milestones besides.
COMPACT_MILESTONES = 10
# Scripts for the height messages, popups for links; never same-origin: it needs no cookies.
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
# The widget learns the embedding site's origin, to address its height messages, not its page.
REFERRER_POLICY = "strict-origin"
DEFAULT_WIDTH = 640
DEFAULT_HEIGHT = 600


@dataclass(frozen=True)
class WidgetOptions:
    """How a widget shows its timeline: `theme`, `limit` (the latest N events), `order` and
    `view` (compact: the milestones and the newest events; full: every event, in pages)."""

    theme: str = "auto"
    limit: int | None = None
    order: str = "asc"
    view: str = "compact"

    def as_params(self) -> list[tuple[str, str]]:
        """The options that differ from the defaults, as query parameters."""
        params = []
        if self.theme != "auto":
            params.append(("theme", self.theme))
        if self.limit is not None:
            params.append(("limit", str(self.limit)))
        if self.order != "asc":
            params.append(("order", self.order))
        if self.view != "compact":
            params.append(("view", self.view))
        return params


@dataclass(frozen=True)
class EmbedSnippets:
    """The "Embed this timeline" section of a case page."""

    options: WidgetOptions
    filters: list[tuple[str, str]]
    widget_url: str
    loader_code: SafeString
    iframe_code: SafeString
    # The same widget on our own page, loaded from our own address like everything else there.
    preview_code: SafeString
    oembed_url: str
    themes: tuple[str, ...] = THEMES
    orders: tuple[str, ...] = ORDERS
    views: tuple[str, ...] = VIEWS
    limit_max: int = LIMIT_MAX
    problems: list[str] = field(default_factory=list)


def filter_params(query: QueryDict) -> list[tuple[str, str]]:
    """The timeline filters of a request, ready to pass on to another URL."""
    return [(name, value) for name in FILTER_PARAMS for value in query.getlist(name) if value]


def with_query(url: str, params: list[tuple[str, str]]) -> str:
    return f"{url}?{urlencode(params)}" if params else url


def widget_url(request: HttpRequest, case: Case, params: list[tuple[str, str]]) -> str:
    return request.build_absolute_uri(with_query(reverse("embed:case", args=[case.slug]), params))


def widget_title(case: Case) -> str:
    return _("Timeline of %(case)s on Casefile") % {"case": case.title}


def iframe_code(src: str, title: str, width: int | str, height: int) -> SafeString:
    """A plain iframe of the widget: no script on the host page, a fixed height."""
    return format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
        'referrerpolicy="{}" sandbox="{}"></iframe>',
        src,
        title,
        width,
        height,
        REFERRER_POLICY,
        SANDBOX,
    )


def _host_div(
    request: HttpRequest, case: Case, options: WidgetOptions, filters: list[tuple[str, str]]
) -> SafeString:
    """The `div` the loader fills, holding a plain link until it does (or for good, without JS)."""
    attributes = [("data-casefile-case", case.slug)]
    attributes += [(f"data-{name}", value) for name, value in options.as_params()]
    for name in FILTER_PARAMS:
        values = [value for key, value in filters if key == name]
        if values:
            joined = " ".join(values) if name in REPEATABLE_FILTERS else values[-1]
            attributes.append((f"data-{name}", joined))
    case_url = request.build_absolute_uri(with_query(case.get_absolute_url(), filters))
    return format_html(
        '<div {}><a href="{}">{}</a></div>',
        format_html_join(" ", '{}="{}"', attributes),
        case_url,
        widget_title(case),
    )


def loader_code(
    request: HttpRequest, case: Case, options: WidgetOptions, filters: list[tuple[str, str]]
) -> SafeString:
    """What another site pastes: the host `div` and the loader, both at our full address."""
    return format_html(
        '{}\n<script async src="{}"></script>',
        _host_div(request, case, options, filters),
        request.build_absolute_uri(reverse("embed:loader")),
    )


def _chosen_options(query: QueryDict) -> tuple[WidgetOptions, list[str]]:
    """The options picked in the generator's form; a bad value falls back to the default."""
    problems = []
    theme = query.get("embed_theme", "auto")
    order = query.get("embed_order", "asc")
    view = query.get("embed_view", "compact")
    limit_text = query.get("embed_limit", "")
    limit = int(limit_text) if limit_text.isascii() and limit_text.isdecimal() else None
    if theme not in THEMES:
        theme = "auto"
    if order not in ORDERS:
        order = "asc"
    if view not in VIEWS:
        view = "compact"
    if limit_text and (limit is None or not 1 <= limit <= LIMIT_MAX):
        problems.append(
            _("The number of events must be a whole number from 1 to %(max)d.") % {"max": LIMIT_MAX}
        )
        limit = None
    return WidgetOptions(theme=theme, limit=limit, order=order, view=view), problems


def embed_snippets(
    request: HttpRequest, case: Case, filters: list[tuple[str, str]]
) -> EmbedSnippets:
    """The snippets for `case` as the visitor sees it: its filters and the options they picked.

    `filters` are those the page accepted (`TimelineFilter.applied`), so a value the page
    refused never reaches a snippet.
    """
    options, problems = _chosen_options(request.GET)
    src = widget_url(request, case, options.as_params() + filters)
    case_url = request.build_absolute_uri(with_query(case.get_absolute_url(), filters))
    oembed = reverse("embed:oembed") + "?" + urlencode({"url": case_url, "format": "json"})
    return EmbedSnippets(
        options=options,
        filters=filters,
        widget_url=src,
        loader_code=loader_code(request, case, options, filters),
        iframe_code=iframe_code(src, widget_title(case), "100%", DEFAULT_HEIGHT),
        preview_code=format_html(
            '{}<script async src="{}"></script>',
            _host_div(request, case, options, filters),
            reverse("embed:loader"),
        ),
        oembed_url=request.build_absolute_uri(oembed),
        problems=problems,
    )
