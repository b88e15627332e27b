"""The widget's options, read the same way wherever they arrive: the widget's own address, the
snippet generator on a case page (there each name starts `embed_`), and the frame size an oEmbed
consumer asks for. Every whole number follows one rule (`WholeNumberField`)."""

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy

from caseapp.i18n import codes

THEMES = ("auto", "light", "dark")
ORDERS = ("asc", "desc")
# Compact (the default): the milestones and the newest events, with a link to all of them.
VIEWS = ("compact", "full")
LIMIT_MAX = 100
# Six digits at most, so a hostile value is refused before it is read as a number.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
# A refused value is quoted back this far, no further.
_QUOTED_LENGTH = 20


@dataclass(frozen=True)
class WidgetOptions:
    """How a widget shows its timeline: `theme`, `limit` (the latest N events), `order`,
    `view` (compact: the milestones and the newest events; full: every event, in pages) and
    `lang`, the language of its words and of the pages its links open."""

    theme: str = "auto"
    limit: int | None = None
    order: str = "asc"
    view: str = "compact"
    lang: str = settings.LANGUAGE_CODE

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
        if self.lang != settings.LANGUAGE_CODE:
            params.append(("lang", self.lang))
        return params


class WordField(forms.Field):
    """One of a few words, the first when none is given; the message quotes a refused one."""

    def __init__(self, words: tuple[str, ...], *, message: str) -> None:
        super().__init__(required=False)
        self.words = words
        self.message = message

    def to_python(self, value: str | None) -> str:
        return value or self.words[0]

    def validate(self, value: str) -> None:
        if value not in self.words:
            params = {"value": value[:_QUOTED_LENGTH], "words": ", ".join(self.words)}
            raise ValidationError(self.message, code="invalid_choice", params=params)


class LanguageField(WordField):
    """One of the site's languages (`settings.LANGUAGES`), by its code; when none is given, the
    language of the request: English for the widget's own address, the page's language for the
    snippet generator on a case page (/de/cases/… offers German first)."""

    def __init__(self, *, message: str) -> None:
        super().__init__(tuple(codes()), message=message)

    def to_python(self, value: str | None) -> str:
        return value or translation.get_language()


class WholeNumberField(forms.Field):
    """A whole number from `min_value` to `max_value` in one to six ASCII digits: no sign,
    point, space or other script's digits. None when not given."""

    def __init__(self, *, message: str, min_value: int = 1, max_value: int = 999_999) -> None:
        super().__init__(required=False)
        self.message = message
        self.min_value = min_value
        self.max_value = max_value

    def to_python(self, value: str | None) -> int | None:
        if not value:
            return None
        if _WHOLE_NUMBER.fullmatch(value) and self.min_value <= int(value) <= self.max_value:
            return int(value)
        params = {"value": value[:_QUOTED_LENGTH], "max": self.max_value}
        raise ValidationError(self.message, code="invalid", params=params)


class _ExplainedForm(forms.Form):
    @property
    def problems(self) -> list[str]:
        """A readable reason for each refused value, in the order of the fields."""
        return [message for messages in self.errors.values() for message in messages]


class WidgetOptionsForm(_ExplainedForm):
    """The options of a widget. A refused one falls back to its default in `options` and is
    explained in `problems`; `prefix="embed"` reads the generator's `embed_theme`, `embed_limit`…"""

    theme = WordField(
        THEMES, message=gettext_lazy("“%(value)s” is not a theme: use light, dark or auto.")
    )
    order = WordField(
        ORDERS,
        message=gettext_lazy(
            "“%(value)s” is not an order: use asc (oldest first) or desc (newest first)."
        ),
    )
    view = WordField(
        VIEWS,
        message=gettext_lazy(
            "“%(value)s” is not a view: use compact (milestones and the newest events) or full."
        ),
    )
    limit = WholeNumberField(
        max_value=LIMIT_MAX,
        message=gettext_lazy(
            "“%(value)s” is not a number of events: use a whole number from 1 to %(max)d."
        ),
    )
    lang = LanguageField(
        # Translators: the codes stay as they are: they are what the address takes.
        message=gettext_lazy("“%(value)s” is not a language of Casefile: use %(words)s."),
    )

    def add_prefix(self, field_name: str) -> str:
        # The generator's fields share the case page's query string with its filters.
        return f"{self.prefix}_{field_name}" if self.prefix else field_name

    @property
    def options(self) -> WidgetOptions:
        """The options asked for, each refused one replaced by its default."""
        # Cleans the form once; cleaning leaves a refused option out of `cleaned_data`.
        self.is_valid()
        # A refused language is the request's, as when none is given.
        return WidgetOptions(**{"lang": translation.get_language(), **self.cleaned_data})


_NOT_PIXELS = gettext_lazy("maxwidth and maxheight must be whole numbers of pixels.")


class FrameSizeForm(_ExplainedForm):
    """The largest frame an oEmbed consumer can show, `maxwidth` and `maxheight` in pixels."""

    maxwidth = WholeNumberField(message=_NOT_PIXELS)
    maxheight = WholeNumberField(message=_NOT_PIXELS)

    def size(self, default_width: int, default_height: int) -> tuple[int, int]:
        """Our default size, narrowed to what was asked for (a refused value asks for nothing)."""
        self.is_valid()
        width = self.cleaned_data.get("maxwidth") or default_width
        height = self.cleaned_data.get("maxheight") or default_height
        return min(default_width, width), min(default_height, height)
