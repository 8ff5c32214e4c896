"""Name runs: the proper names of a parsed sentence that may name a person.

"Police Inspector Ram Kumar Sinha entraps Balaram Prasad alias Ballu" gives the runs
"Ram Kumar Sinha" (role "Police Inspector") and "Balaram Prasad", "Ballu" (linked as one
person by "alias"). A run is a stretch of capitalised proper nouns or entity words in
spaCy's parse; sentence openers ("Meanwhile", "Saddened,") are tagged as what they are
and never start one. Each run keeps where it sits in the parse (`root`, the token that
links it to the sentence), so that characters.py and describe.py can read its grammar,
and the actor named in parentheses right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from outliner.lexicon import ROLE_WORDS, kind_of_noun, zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def noun_kind(noun: Token | None) -> str | None:
    """Whether a common noun names a person ("girlfriend") or a thing ("town"); a name
    ("Meridian") is no common noun, whatever its ending."""
    if noun is None or (noun.pos_ == "PROPN" and _is_capitalised(noun)):
        return None
    doc = noun.doc
    if noun.i > 1 and doc[noun.i - 1].text == "-" and not doc[noun.i - 1].whitespace_:
        # "side-kick", "ex-wife": one word the tokenizer split; its last part counts too.
        return kind_of_noun(doc[noun.i - 2].lower_ + noun.lemma_.lower()) or kind_of_noun(
            noun.lemma_.lower()
        )
    return kind_of_noun(noun.lemma_.lower())


# Entity kinds whose words are proper names (judged later: person or not).
NAME_LABELS = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split()
)
# Lower-case words inside a name: "Catherine de Bourgh", "Max von Sydow".
PARTICLES = frozenset("de van von der den del della di da du le la".split())
# A title the parser leaves outside a PERSON entity ("Manager" in "Manager John Smith")
# is a title only if it is an ordinary English word: a rare one ("Sherlock", "Jordy") is a
# first name the entity recogniser cut off.
TITLE_ZIPF = 4.0
RARE_ZIPF = 3.0  # below this, a word is no English word (a name): "Odile" 1.9, "Ram" 4.2
# "Balaram Prasad alias Ballu", "Jim, also known as Jimbo", 'Ballu "the Bull"'. The parser
# has no relation for "alias"; it reads these words as parts of one noun phrase.
_ALIAS_LINK = re.compile(r'^\s*,?\s*(?:alias|aka|a\.k\.a\.?|also known as|nicknamed)\s+["“]?$')
_QUOTED_LINK = re.compile(r"^\s*[\"“]\s*$")
_AFTER_QUOTE = re.compile(r"^[\"”]\s+$")  # 'Nick "Goose" Bradshaw': the name goes on


@dataclass(frozen=True)
class NameRun:
    sentence: int
    start: int  # character offsets of the name in the sentence (role excluded)
    end: int
    words: tuple[str, ...]
    root: int  # index of the token that heads the name in the parse
    role: str | None  # "Police Inspector" in "Police Inspector Ram"
    initial: bool  # the run opens its sentence, where any word is capitalised
    possessive: bool  # "Ballu's"
    label: str  # the entity recogniser's kind for the name ("" when none)
    actor: str | None = None  # "Sanjay Dutt" in "Ballu (Sanjay Dutt)"
    alias_of: int | None = None  # end offset of the run this one is an alias of

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _is_name_token(token: Token, known: frozenset[str]) -> bool:
    """A capitalised proper noun or entity word, or a word the story uses as a name
    elsewhere (see known_names)."""
    if not _is_capitalised(token):
        return False
    if token.text in known:
        return True
    return (token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS) and not _is_plural_noun(token)


def _is_plural_noun(token: Token) -> bool:
    """'Flashbacks show': a plural common noun (an English word in the singular), which
    names a kind, not a person, however it is capitalised (unless the story uses it as a
    name elsewhere: "Mills runs")."""
    singular = token.lemma_.lower()
    return token.tag_ == "NNS" and singular != token.lower_ and zipf(singular) >= RARE_ZIPF


def known_names(docs: list[Doc]) -> frozenset[str]:
    """Words used as names somewhere past a sentence's first word: tagged as proper
    nouns, or capitalised there though they are no English word. The small tagger
    misreads unfamiliar names ("Odile calls" as an adverb, "Raghu" as a verb), and at a
    sentence's start it may call a name a common noun ("Ram kills")."""
    return frozenset(
        t.text
        for doc in docs
        for t in doc[1:]
        if _is_capitalised(t) and t.is_alpha and (t.pos_ == "PROPN" or zipf(t.text) < RARE_ZIPF)
    )


def _glued(doc: Doc) -> list[list[Token]]:
    """Tokens written without a space around a hyphen are one word: "Gordon-Levitt",
    "Anck-su-Namun" (the tokenizer splits them)."""
    words: list[list[Token]] = []
    for token in doc:
        if words and not doc[token.i - 1].whitespace_ and "-" in (token.text, words[-1][-1].text):
            words[-1].append(token)
        else:
            words.append([token])
    return words


def in_parentheses(doc: Doc) -> set[int]:
    """The indices of the tokens in parentheses, the brackets included: asides."""
    inside, depth = set(), 0
    for token in doc:
        depth += token.text == "("
        if depth:
            inside.add(token.i)
        depth -= token.text == ")" and depth > 0
    return inside


def _runs_of_tokens(doc: Doc, known: frozenset[str]) -> list[list[Token]]:
    """Stretches of name words, joined across a particle ("Catherine de Bourgh"); never
    into parentheses."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    words = _glued(doc)
    asides = in_parentheses(doc)
    for k, word in enumerate(words):
        first = word[0]
        inside = first.i in asides
        if not inside and _is_name_token(first, known):
            current.extend(word)
            continue
        follows = k + 1 < len(words) and _is_name_token(words[k + 1][0], known)
        if current and follows and first.lower_ in PARTICLES and not inside:
            current.extend(word)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _split_role(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """'Police Inspector Ram' -> (Police Inspector, Ram). A title is a word of address
    or rank from the lexicon (the parser tags them as parts of the name), or the words the
    entity recogniser leaves outside a person's name when they are ordinary English
    words ("Manager John Smith", "Texas Ranger Bob Hill")."""
    cut = 0
    while cut < len(tokens) - 1 and tokens[cut].lower_.rstrip(".") in ROLE_WORDS:
        cut += 1
    person = [i for i, t in enumerate(tokens) if t.ent_type_ == "PERSON"]
    if person and cut < person[0] < len(tokens):
        before = tokens[person[0] - 1]
        if before.lower_.rstrip(".") in ROLE_WORDS or zipf(before.text) >= TITLE_ZIPF:
            cut = person[0]
    return tokens[:cut], tokens[cut:]


def _title_word(token: Token) -> str:
    """A form of address or rank keeps its capital ("Inspector", "Sgt."); a job is a
    common noun ("Manager John Smith": a manager), unless it names a place ("Texas")."""
    if token.lower_.rstrip(".") in ROLE_WORDS or token.ent_type_:
        return token.text
    return token.lower_


def _root(tokens: list[Token]) -> Token:
    """The token through which the run attaches to the rest of the sentence."""
    ids = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    return outside[-1] if outside else tokens[-1]


def _label(tokens: list[Token]) -> str:
    labels = [t.ent_type_ for t in tokens if t.ent_type_]
    return max(set(labels), key=lambda x: (labels.count(x), x)) if labels else ""


def _run(sentence: int, tokens: list[Token], doc: Doc) -> NameRun | None:
    role, name = _split_role(tokens)
    opener = name[0]
    one_entity = name[1].ent_iob_ == "I" if len(name) > 1 else False  # "Los Angeles"
    if opener.i == 0 and len(name) > 1 and opener.ent_type_ != "PERSON" and not one_entity:
        # "Remembering Vincent": the tagger may call a sentence's capitalised first word
        # part of the name after it; an English word there is the sentence's, not the name's.
        if opener.lower_.rstrip(".") not in ROLE_WORDS and zipf(opener.text) >= TITLE_ZIPF:
            name = name[1:]
    if len(name) == 1 and name[0].lower_.rstrip(".") in ROLE_WORDS:
        return None  # "the Inspector": a role alone names nobody
    following = doc[name[-1].i + 1] if name[-1].i + 1 < len(doc) else None
    text = doc.text[name[0].idx : name[-1].idx + len(name[-1].text)]
    return NameRun(
        sentence=sentence,
        start=name[0].idx,
        end=name[-1].idx + len(name[-1].text),
        words=tuple(text.split()),
        root=_root(name).i,
        role=" ".join(_title_word(t) for t in role) or None,
        initial=name[0].i == 0 or (name[0].i == 1 and doc[0].is_punct),
        possessive=following is not None and following.tag_ == "POS",
        label=_label(name),
    )


def name_runs(sentence: int, doc: Doc, known: frozenset[str] = frozenset()) -> list[NameRun]:
    """The name runs of one parsed sentence, aliases linked (actors: see actors.py;
    names given by verbs: see identities.py)."""
    runs = [r for tokens in _runs_of_tokens(doc, known) if (r := _run(sentence, tokens, doc))]
    return _link_aliases(doc.text, runs)


def _link_aliases(text: str, runs: list[NameRun]) -> list[NameRun]:
    """'Balaram Prasad alias Ballu', 'Balaram Prasad "Ballu"': the second names the first."""
    linked = list(runs)
    for i in range(1, len(runs)):
        gap = text[runs[i - 1].end : runs[i].start]
        if _ALIAS_LINK.match(gap) or _QUOTED_LINK.match(gap):
            linked[i] = replace(runs[i], alias_of=runs[i - 1].end)
        elif _AFTER_QUOTE.match(gap) and linked[i - 1].alias_of is not None:
            linked[i] = replace(runs[i], alias_of=runs[i - 1].end)
    return linked


def adjacent(name: Token, apposition: Token) -> bool:
    """Whether the apposition follows the name with only punctuation or asides between
    ("Logan, an amateur fighter"), not hung on it by the parser from further on."""
    asides = in_parentheses(name.doc)
    between = name.doc[name.i + 1 : apposition.left_edge.i]
    return name.i < apposition.i and all(t.is_punct or t.i in asides for t in between)
