"""Text fields made safe for any output syntax: one line, no control characters.

A beat line, a name or a title may hold a newline or a control character (from a JSON
outline edited by hand, or through the API). Written raw, a newline starts a new line
that a screenwriting app reads as a scene heading, a character cue or dialogue, and a
control character makes an FDX file invalid XML. Each writer passes every text field
through `flat`, then escapes what its own syntax treats as markup.
"""

from __future__ import annotations

import re

# Spaces around a run holding at least one control character or line/paragraph separator.
_BREAK = re.compile(r" *[\x00-\x1f\x7f-\x9f\u2028\u2029][\x00-\x20\x7f-\x9f\u2028\u2029]*")
# Characters no XML document may hold, even escaped: lone surrogates and U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def flat(text: str) -> str:
    """`text` on one line: each run of line breaks and control characters becomes one
    space (none at either end), and characters XML forbids are dropped. Text that needs
    neither comes back unchanged, so ordinary outlines keep their bytes."""
    made = _NOT_XML.sub("", _BREAK.sub(" ", text))
    return made.strip() if made != text else text
