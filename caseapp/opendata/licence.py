"""The licence the published record is offered under (`DATA_LICENSE_URL`), named for people.

The address is what machines read (JSON-LD, the JSON export, the `Link` header); the name is
what the case page shows beside it. Creative Commons addresses name themselves
(`…/licenses/by-sa/4.0/` is "CC BY-SA 4.0"); any other needs `DATA_LICENSE_NAME`.
"""

import re
from typing import NamedTuple

from django.conf import settings

_CC_LICENCE = re.compile(r"https?://creativecommons\.org/licenses/([a-z-]+)/([0-9.]+)/?")
_CC_ZERO = re.compile(r"https?://creativecommons\.org/publicdomain/zero/([0-9.]+)/?")


class Licence(NamedTuple):
    url: str
    name: str


def data_licence() -> Licence:
    url = settings.DATA_LICENSE_URL
    return Licence(url, settings.DATA_LICENSE_NAME or licence_name(url))


def licence_name(url: str) -> str:
    """ "CC BY 4.0" for a Creative Commons address, the address itself for any other."""
    if match := _CC_LICENCE.fullmatch(url):
        return f"CC {match.group(1).upper()} {match.group(2)}"
    if match := _CC_ZERO.fullmatch(url):
        return f"CC0 {match.group(1)}"
    return url


def link_header() -> str:
    """The value of the `Link` header that names the licence of a download (RFC 8288)."""
    return f'<{settings.DATA_LICENSE_URL}>; rel="license"'
