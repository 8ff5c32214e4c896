"""The English parser: spaCy's en_core_web_sm pipeline, loaded once per process.

Every stage reads the same parse (tokens, tags, lemmas, dependencies, entities); none
splits sentences or stems words on its own. spaCy is imported here only, when a parse is
first needed, so `outliner --help` stays instant.

Sentence boundaries are the one place where rules go before the statistical parser: the
parser alone breaks sentences inside clauses now and then ("Jack chases | Luther to
Jack's car"), and its tokenizer does not know the ranks and currencies synopses use
("Sgt.", "Lt.", "Rs."). So a small component, placed after the tagger and before the
parser, decides every boundary from punctuation and the tagger's view of the next word,
and the parser respects it (spaCy's parser keeps boundaries set before it runs).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from outliner.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

PARSER_KIND = "parsers"

# Abbreviations spaCy's English tokenizer splits ("Sgt." -> "Sgt", "."), which would make
# the full stop look like a sentence's end. Titles and ranks before names, and currencies
# before amounts: a sentence never ends on them in a synopsis.
ABBREVIATIONS = (
    "Sgt.",
    "Lt.",
    "Capt.",
    "Col.",
    "Gen.",
    "Maj.",
    "Cmdr.",
    "Det.",
    "Insp.",
    "Supt.",
    "Cpl.",
    "Pvt.",
    "Adm.",
    "Prof.",
    "Rev.",
    "Fr.",
    "Hon.",
    "Rs.",
    "Mt.",
    "Ft.",
    "Sr.",
    "Jr.",
)
# Tokens that end in a full stop and never end a sentence before a capitalised word:
# "Mr. Pink", "Dr. Watson", "St. Louis", "Sgt. Pepper", "Rs. 500".
_TITLES = frozenset(
    a.lower()
    for a in (
        *ABBREVIATIONS,
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "St.",
        "No.",
        "vs.",
    )
) - {"sr.", "jr."}
_TERMINAL = frozenset({".", "!", "?", "!?", "?!", "!!", "??"})
_CLOSE_BRACKETS = frozenset({")", "]", "}"})
# Tags of a word after "Paul D." that start a new sentence ("She", "The", "As") rather
# than go on with a name ("Jeff D. Sheldrake", "C.W. Moss", "U.S. Ambassador").
_NAME_TAGS = frozenset({"NNP", "NNPS"})


def registry_entry() -> dict[str, Any]:
    """The default parser's entry in models/registry.toml."""
    from outliner.backends.registry import registry_file

    path = registry_file()
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get(PARSER_KIND, {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelError(f"cannot read the model registry {path}: {exc}") from exc
    for name, entry in entries.items():
        if entry.get("default"):
            return {"name": name, **entry}
    raise ModelError(f"no default parser in {path}")


def _roles(doc: Doc) -> list[str]:
    """Each token's part in the text's punctuation: "open" (an opening quote), "close"
    (a closing quote or bracket: it stays with the sentence before it), or "". Straight
    double quotes alternate; apostrophes are no quotes."""
    roles = [""] * len(doc)
    open_quote = False
    for token in doc:
        text = token.text
        if text == '"':
            roles[token.i] = "close" if open_quote else "open"
            open_quote = not open_quote
        elif text == "“":
            roles[token.i], open_quote = "open", True
        elif text == "”":
            roles[token.i], open_quote = "close", False
        elif text in _CLOSE_BRACKETS:
            roles[token.i] = "close"
    return roles


def _is_initials(text: str) -> bool:
    """'D.', 'C.W.', 'U.S.', 'M.I.B.': capital letters, each with a full stop."""
    letters = text.replace(".", "")
    return (
        bool(letters)
        and letters.isalpha()
        and letters.isupper()
        and text.count(".") == len(letters)
    )


def _starts_sentence(token: Token) -> bool:
    """A word that may open a sentence: a capital, a digit, an opening quote or bracket."""
    first = token.text[0]
    return first.isupper() or first.isdigit() or first in '"“(['


def _boundary_after(last: Token, following: Token) -> bool:
    """Whether a sentence ends at `last` when `following` comes next (closing quotes and
    brackets between them aside)."""
    if not _starts_sentence(following):
        return False  # '"Help!" and runs', '"Millionaire?" quiz show', 'M.I.B. is'
    if last.text in _TERMINAL:
        return True
    if not (len(last.text) > 1 and last.text.endswith(".")) or not last.text.strip("."):
        return False  # no full stop: a colon, a comma, a word; an ellipsis goes on
    if last.text.lower() in _TITLES:
        return False  # "Mr. Pink", "Rs. 500"
    if _is_initials(last.text):
        # "Jeff D. Sheldrake" goes on; "Paul D. She complained" and "Agent L. As a coda"
        # start again. The tagger says whether the next word goes on with a name.
        # 'C.C. "Bud" Baxter': a nickname in quotes goes on with the name too.
        return following.tag_ not in _NAME_TAGS and following.text not in ('"', "“")
    return True  # "etc.", "a.m." at a sentence's end


def set_boundaries(doc: Doc) -> Doc:
    """Mark every token as a sentence start or not (see the module's docstring)."""
    if not len(doc):
        return doc
    roles = _roles(doc)
    doc[0].is_sent_start = True
    for token in doc[1:]:
        if roles[token.i] == "close":
            token.is_sent_start = False  # '... "Gluttony." They find': after the quote
            continue
        last = token.i - 1
        while last > 0 and roles[last] == "close":
            last -= 1
        token.is_sent_start = _boundary_after(doc[last], token)
    return doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The pipeline, with the boundary component before the parser. Loaded once."""
    try:
        import spacy
        from spacy.language import Language
    except ImportError as exc:  # a broken install, not a user error we can fix here
        raise ModelError(f"spaCy is not installed ({exc}); run: make install") from None
    entry = registry_entry()
    if not Language.has_factory("outliner_boundaries"):
        Language.component("outliner_boundaries", func=set_boundaries)
    try:
        pipeline = spacy.load(entry["package"])
    except OSError as exc:
        raise ModelError(
            f"the parser {entry['name']} ({entry['package']}) is not installed: run: make install"
        ) from exc
    tokenizer: Any = pipeline.tokenizer
    for abbreviation in ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    pipeline.add_pipe("outliner_boundaries", after="tagger")
    return pipeline


def parse(texts: Iterable[str]) -> list[Doc]:
    """One Doc per text (a paragraph), its sentences and annotations set."""
    return list(nlp().pipe(texts))


def parse_sentence(text: str) -> Doc:
    """One sentence on its own (a sentence renamed after reading): one Doc, one sentence."""
    pipeline = nlp()
    doc = pipeline.make_doc(text)
    for token in doc[1:]:
        token.is_sent_start = False
    if len(doc):
        doc[0].is_sent_start = True
    for name, component in pipeline.pipeline:
        if name != "outliner_boundaries":
            doc = component(doc)
    return doc
