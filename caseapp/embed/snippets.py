"""What an embedding site copies: the loader snippet, the plain-iframe variant and the oEmbed
address of a case, carrying the filters of the page they were copied from; and the oEmbed
address a case or event page names in its discovery `<link>`."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from caseapp.cases.filters import CASE_FIELDS
from caseapp.cases.models import Case
from caseapp.embed.forms import LIMIT_MAX, ORDERS, THEMES, VIEWS, WidgetOptions, WidgetOptionsForm
from caseapp.i18n import NATIVE_NAMES, codes

# The filter parameters of a case's timeline, in the order they appear in a URL.
FILTER_PARAMS = CASE_FIELDS
# Filters that may repeat travel as one space-separated data attribute: data-kind="arrest hearing".
REPEATABLE_FILTERS = ("actor", "kind")
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
    # Whether the visitor chose anything but the defaults (the page's language included).
    customised: bool = False
    # The widget's languages, (code, name in itself), for the generator's menu.
    languages: tuple[tuple[str, str], ...] = ()
    problems: list[str] = field(default_factory=list)


def with_query(url: str, params: list[tuple[str, str]]) -> str:
    return f"{url}?{urlencode(params)}" if params else url


def widget_url(request: HttpRequest, case: Case, params: list[tuple[str, str]]) -> str:
    return request.build_absolute_uri(with_query(reverse("embed:case", args=[case.slug]), params))


def widget_title(case: Case) -> str:
    return _("Timeline of %(case)s on Casefile") % {"case": case.title}


def oembed_address(request: HttpRequest, page_url: str) -> str:
    """The absolute `/oembed/` address (JSON, the one format it serves) that embeds the page at
    `page_url`, itself absolute: what a discovery `<link>` and the snippet box point to."""
    query = urlencode({"url": page_url, "format": "json"})
    return request.build_absolute_uri(f"{reverse('embed:oembed')}?{query}")


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


def embed_snippets(
    request: HttpRequest, case: Case, filters: list[tuple[str, str]]
) -> EmbedSnippets:
    """The snippets for `case` as the visitor sees it: its filters and the options they picked.

    `filters` are those the page accepted (`TimelineFilter.applied`), so a value the page
    refused never reaches a snippet.
    """
    form = WidgetOptionsForm(request.GET, prefix="embed")
    options = form.options
    src = widget_url(request, case, options.as_params() + filters)
    case_url = request.build_absolute_uri(with_query(case.get_absolute_url(), filters))
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
        oembed_url=oembed_address(request, case_url),
        customised=options != WidgetOptions(lang=translation.get_language()),
        languages=tuple((code, NATIVE_NAMES.get(code, code)) for code in codes()),
        # The generator's menus offer only valid words; a number is typed, so it may be refused.
        problems=list(form.errors.get("limit", [])),
    )
