"""`mailto:` URLs for a draft (RFC 6068), for the window to hand to the user's mail program."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

# RFC 6068 section 2: an addr-spec may keep unreserved characters and these "some-delims";
# "," separates addresses, so inside one it is escaped.
_ADDRESS_SAFE = "!$'()*+;:@"
# Header values keep unreserved characters and some-delims except "&" and "=" (which delimit
# the fields). "+" is escaped as well: some mail programs read a bare "+" as a space.
_VALUE_SAFE = "!$'()*,;:@"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _value(text: str) -> str:
    # Line breaks in a body are CRLF, percent-encoded (RFC 6068 section 5).
    return quote(_LINE_BREAK.sub("\r\n", text), safe=_VALUE_SAFE)


def mailto_url(
    to: Sequence[str],
    *,
    subject: str | None = None,
    body: str | None = None,
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
) -> str:
    """mailto:a@x,b@y?subject=...&body=... with every part UTF-8 percent-encoded."""
    addresses = ",".join(quote(a.strip(), safe=_ADDRESS_SAFE) for a in to if a.strip())
    fields: list[tuple[str, str]] = []
    if cc:
        fields.append(("cc", ",".join(quote(a.strip(), safe=_ADDRESS_SAFE) for a in cc)))
    if bcc:
        fields.append(("bcc", ",".join(quote(a.strip(), safe=_ADDRESS_SAFE) for a in bcc)))
    if subject:
        fields.append(("subject", _value(subject)))
    if body:
        fields.append(("body", _value(body)))
    query = "&".join(f"{name}={value}" for name, value in fields)
    return f"mailto:{addresses}" + (f"?{query}" if query else "")
