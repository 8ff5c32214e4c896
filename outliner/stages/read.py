"""Read: raw synopsis text -> Document (normalised paragraphs, sentences and their parse).

Each paragraph is parsed once by spaCy (outliner.backends.parser), which also cuts it
into sentences; the parse of every sentence is kept in the Document for the later
stages. Before it runs, the text is repaired the way hand-typed synopses need:
"return back.Ballu" and "Ballu,stops" lack the space after punctuation, "Ram ." has one
too many.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from outliner.document import Document, Sentence, SentenceKind
from outliner.parse import Parse

# Control characters (a stray escape, DEL, C1 codes) and the two noncharacters are no
# text: each becomes a space, so no writer passes them on (XML may not hold them).
# NEL and the Unicode line and paragraph separators end a line, as a newline does.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])(?=\s|$)")
# "back.Ballu" -> "back. Ballu": a lowercase word of 2+ letters, a full stop, a capital.
# Initials and abbreviations ("U.S.", "J.R.R.") have single letters and are left alone.
_MISSING_SPACE_AFTER_STOP = re.compile(r"(?<=[a-z]{2})([.!?])(?=[A-Z][a-z])")
# "Ballu,stops" -> "Ballu, stops", but not "1,000".
_MISSING_SPACE_AFTER_COMMA = re.compile(r"(?<=[A-Za-z]),(?=[A-Za-z])")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_TITLE_FIELD = re.compile(r"^\s*title\s*:\s*(.+)$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TERMINAL = re.compile(r"[.!?…\"'”’)]\s*$")


def normalise(text: str) -> str:
    """Unicode NFC, one kind of newline, no control characters, single spaces, repaired
    punctuation spacing."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2032s", "\u2019s")  # "Laura′s": a prime used as an apostrophe
    text = _CONTROLS.sub(" ", _LINE_BREAKS.sub("\n", text.replace("\ufeff", "")))
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = _SPACE_BEFORE_PUNCT.sub(r"\1", line)
        line = _MISSING_SPACE_AFTER_STOP.sub(r"\1 ", line)
        line = _MISSING_SPACE_AFTER_COMMA.sub(", ", line)
        lines.append(line)
    return "\n".join(lines).strip()


def paragraphs(text: str) -> list[str]:
    """Each non-blank line is a paragraph: synopses put one retelling per line."""
    return [line for line in text.split("\n") if line.strip()]


def _heading(paragraph: str, is_only_paragraph: bool) -> str | None:
    """A title line above the synopsis: '# Title', 'Title: X', or a short unpunctuated line."""
    for pattern in (_MARKDOWN_HEADING, _TITLE_FIELD):
        match = pattern.match(paragraph)
        if match:
            return match.group(1).strip()
    words = paragraph.split()
    if not is_only_paragraph and len(words) <= 10 and not _TERMINAL.search(paragraph):
        return paragraph.strip()
    return None


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as the parser cuts them."""
    from outliner.backends.parser import parse

    return [s.text for s in parse([paragraph])[0].sents if s.text.strip()]


def read(
    text: str, source: str = "synopsis", progress: Callable[[str], None] | None = None
) -> Document:
    """Cut a synopsis into sentences and parse them; a title line on top is the heading.

    `progress("parsing")` is called before the parser runs (the bench times it apart)."""
    from outliner.backends.parser import parse

    paras = paragraphs(normalise(text))
    heading = _heading(paras[0], len(paras) == 1) if paras else None
    sentences: list[Sentence] = []
    docs = []
    if heading is not None:
        sentences.append(Sentence(0, heading, 0, SentenceKind.HEADING))
    body = [(p, _BULLET.sub("", para)) for p, para in enumerate(paras)]
    body = body[1:] if heading is not None else body
    if progress is not None:
        progress("parsing")
    for (p_index, _), doc in zip(body, parse(para for _, para in body), strict=True):
        for span in doc.sents:
            if not span.text.strip():
                continue
            sentences.append(Sentence(len(sentences), span.text, p_index))
            docs.append((span.text, span.as_doc()))
    return Document(source=source, sentences=tuple(sentences), heading=heading, parse=Parse(docs))
