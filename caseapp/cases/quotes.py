"""Whether a citation's quote stands in its source, as far as the source's text is stored.

An editor pastes a source's full text into the admin (`SourceText`); on each save the admin
warns about quotes it cannot find there. A quote is found when it occurs in the text once both
are read alike: case, spacing and line breaks, typographic quotation marks, apostrophes and
dashes do not count. An ellipsis ("…", "...", "[…]") leaves out words, and words in square
brackets are the editor's: the parts around them must occur in the text, in that order.
"""

import re
import unicodedata
from collections.abc import Iterable

from caseapp.cases.models import Citation, SourceText

_ALIKE = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛‹›′`´", "'"),
        **dict.fromkeys("“”„‟«»″", '"'),
        **dict.fromkeys("‐‑‒–—―−⁃", "-"),
        # Soft hyphens and zero-width characters: invisible, so not the editor's to match.
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)
# After NFKC, "…" is "...". Square brackets hold the editor's words or an ellipsis.
_LEFT_OUT = re.compile(r"\[[^\]]*\]|\.\.\.")
_QUOTATION_MARKS = "\"' "


def normalised(text: str) -> str:
    """`text` as the check compares it: compatibility characters folded (NFKC), one kind of
    quotation mark, apostrophe and dash, no case, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_ALIKE).casefold()
    return " ".join(text.split())


def quote_occurs(quote: str, text: str) -> bool:
    """True when `quote` stands in `text`, read alike; see the module."""
    haystack = normalised(text)
    start = 0
    for part in _LEFT_OUT.split(normalised(quote)):
        # Quotation marks an editor put around the quote or a part are not the source's.
        part = part.strip(_QUOTATION_MARKS)
        if not part:
            continue
        found = haystack.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


def unfound_quotes(citations: Iterable[Citation]) -> list[Citation]:
    """Those of `citations` with a quote that is not in their source's stored text; a citation
    without a quote, or whose source has no stored text, has nothing to check."""
    citations = [citation for citation in citations if citation.quote.strip()]
    texts = dict(
        SourceText.objects.filter(
            source__in={citation.source_id for citation in citations}
        ).values_list("source_id", "text")
    )
    return [
        citation
        for citation in citations
        if texts.get(citation.source_id, "").strip()
        and not quote_occurs(citation.quote, texts[citation.source_id])
    ]
