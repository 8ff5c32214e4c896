"""Who a name is, read from the parse of the sentence that introduces it.

Synopses introduce people in a few set ways, each a relation in the dependency parse:
- an apposition after the name: "Ballu (Sanjay Dutt), a notorious criminal, ..."
- a copula: "Ballu is a gangster who is arrested by ..." (the `attr` of "is")
- a noun the name stands in apposition to or compounds with: "his girlfriend Ganga",
  "prison guard Ganga", "her abusive guardian Raju" (his/her become the name of the
  clause's subject, or of the person named before)
- a noun the name is given to: "a young woman named Malti"
The description is the synopsis's own words, at most 12 of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from outliner.story.names import NameRun, adjacent, in_parentheses

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_WORDS = 12
_NOUNS = ("NOUN", "NUM")
_NAMING = ("name", "call", "nickname")
_FUNCTION = frozenset("ADP CCONJ SCONJ DET PART AUX PRON".split())  # never end a phrase


def _copula_attr(root: Token) -> Token | None:
    """'Ballu is a gangster' -> gangster; 'the answer is Aramis' -> answer."""
    if root.head.lemma_ != "be":
        return None
    if root.dep_ == "nsubj":
        return next((c for c in root.head.rights if c.dep_ == "attr" and c.pos_ in _NOUNS), None)
    if root.dep_ == "attr":
        return next((c for c in root.head.lefts if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    return None


def _apposition(root: Token) -> Token | None:
    """'Morris, a member of the gang': a noun phrase right after the name (a comma or
    parentheses between), not one the parser hung on it from further on."""
    appositions = [c for c in root.rights if c.dep_ == "appos" and c.pos_ in _NOUNS]
    return next((c for c in appositions if adjacent(root, c)), None)


def _before(root: Token) -> Token | None:
    """The noun before the name that it belongs to: 'his girlfriend Ganga', 'prison guard
    Ganga', 'the planet Krypton', 'a woman named Malti'."""
    head = root.head
    if head.pos_ == "NOUN" and head.lemma_ in _NAMING:
        return None  # "carries the name Paxton": the word, not who Paxton is
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < root.i:
        return head
    if root.dep_ in ("oprd", "dobj", "attr") and head.lemma_ in _NAMING and head.dep_ == "acl":
        return head.head
    compounds = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return compounds[-1] if compounds else None


def said_after(root: Token) -> Token | None:
    """The noun the text says the name is, after it: an apposition or a copula's
    attribute ("Nic, an obstetrician"; "Edward is a vampire"). Unlike a noun before the
    name ("his wife Madeleine"), it needs no guess at whose."""
    return _apposition(root) or _copula_attr(root)


def descriptor(root: Token) -> Token | None:
    """The noun that says what a name is, in any of the relations above; through "one
    of": "Balthasar, one of Tomas's cousins" -> cousins."""
    noun = _apposition(root) or _copula_attr(root) or _before(root)
    if noun is not None and noun.lower_ == "one":
        of = [c for c in noun.children if c.lower_ == "of"]
        return next((c for c in of[0].children if c.dep_ == "pobj"), noun) if of else noun
    return noun


def _words(tokens: list[Token]) -> str:
    """The tokens as written, without parentheses, cut at MAX_WORDS words and at a
    trailing function word or punctuation."""
    asides = in_parentheses(tokens[0].doc) if tokens else set()
    kept = [t for t in tokens if t.i not in asides]
    ends = [k for k, t in enumerate(kept) if t.whitespace_]
    kept = kept[: ends[MAX_WORDS - 1] + 1] if len(ends) >= MAX_WORDS else kept
    while kept and (kept[-1].is_punct or (len(kept) > 2 and kept[-1].pos_ in _FUNCTION)):
        kept.pop()
    text = "".join(t.text_with_ws for t in kept).strip()
    # "A girl" opening the sentence is "a girl" in a description.
    lower = kept and kept[0].i == 0 and kept[0].pos_ == "DET"
    return text[:1].lower() + text[1:] if lower else text


def _owner(token: Token) -> str | None:
    """'his' -> "Ram's": the name that is the subject of the clause ("Ram is visiting his
    girlfriend Ganga"), or else the last person named before it; None when there is none
    (pronouns proper are resolved elsewhere)."""
    for head in token.ancestors:
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        if subjects:
            return f"{_first_name(subjects[0]).text}'s"
    asides = in_parentheses(token.doc)  # "Buck (Gene Hackman) and his wife": no owner
    before = token.doc[: token.i]
    names = [t for t in before if t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON")]
    names = [t for t in names if t.i not in asides]
    return f"{_first_name(names[-1]).text}'s" if names else None


def _first_name(token: Token) -> Token:
    """'Rose DeWitt Bukater' -> Rose: the first word of the name the token ends."""
    while token.i > 0 and token.doc[token.i - 1].pos_ == "PROPN":
        token = token.doc[token.i - 1]
    return token


def _phrase_before(noun: Token, root: Token, doc: Doc) -> str | None:
    """'his girlfriend' in 'his girlfriend Ganga': the noun and its modifiers before it."""
    start = min(noun.left_edge.i, root.left_edge.i if noun.head == root else noun.i)
    while start < noun.i and doc[start].dep_ in ("advmod", "punct", "cc", "prep"):
        start += 1
    tokens = [t for t in doc[start : noun.i + 1] if t.i != root.i]
    if any(t.text == "," for t in tokens) or not _a_noun_phrase(tokens):
        return None  # "Unwilling to allow McMurphy ..., the Chief": a clause, not a noun's words
    if tokens and tokens[0].dep_ == "poss" and tokens[0].pos_ == "PRON":
        owner = _owner(tokens[0]) if tokens[0].lower_ in ("his", "her", "their") else None
        # "of his father Raghu": without whose father, the words say nothing.
        return f"{owner} {_words(tokens[1:])}" if owner else None
    return _words(tokens) or None


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _a_noun_phrase(tokens: list[Token]) -> bool:
    """Whether the words are a noun phrase about the person, not a clause the parser hung
    on its noun ("work, Bud catches", "Unwilling to allow McMurphy ..., the Chief"): a
    finite verb may stand only in a relative clause ("an aristocrat who needs money")."""
    return not any(
        t.tag_ in _FINITE and not any(a.dep_ == "relcl" for a in [t, *t.ancestors]) for t in tokens
    )


def describe(run: NameRun, doc: Doc) -> str | None:
    """The synopsis's words that say who this person is, or None."""
    if run.possessive:
        return None  # "Ballu's mother": the phrase describes someone else
    root = doc[run.root]
    after = said_after(root)
    if after is not None:
        # The phrase, less what is coordinated with it: "the organizer, and his son".
        aside = {t.i for c in after.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        tokens = [t for t in after.subtree if t.i not in aside]
        return _words(tokens) if _a_noun_phrase(tokens) else None
    noun = _before(root)
    if noun is not None:
        return _phrase_before(noun, root, doc)
    return _parent_of(root, doc)


def _parent_of(root: Token, doc: Doc) -> str | None:
    """'Aarti is waiting for her son Ballu' -> "Ballu's mother": the subject is the parent."""
    if root.dep_ != "nsubj":
        return None
    for token in doc[root.i + 1 :]:
        if token.lemma_ in ("son", "daughter", "child") and token.i + 1 < len(doc):
            owner = next((c for c in token.lefts if c.lower_ in ("his", "her")), None)
            name = doc[token.i + 1]
            if owner is not None and name.pos_ == "PROPN":
                parent = "mother" if owner.lower_ == "her" else "father"
                return f"{name.text}'s {parent}"
    return None
