"""What each sentence does in the story, read from the parse: who acts on whom, whether
it goes well or badly for the protagonist, backstory, the last confrontation.

Self-contained on purpose (the character finder elsewhere may change): characters here
are name phrases only, no coreference beyond one rule for "he"/"she".

- A *name phrase* is a proper noun that spaCy tags PERSON, NORP or ORG (a group can be
  the antagonist: "the Soviets") or leaves untyped (the small model misses names like
  "Mac" or "Sherlock"), with its compound parts. Its keys are its
  alphabetic proper nouns ("Sherlock Holmes": Sherlock, Holmes).
- A key that only ever appears together with a more frequent key is the same person
  ("Sherlock" only in "Sherlock Holmes" is Holmes).
- *Centrality*: the number of sentences in which a character is a subject or an object
  of a verb, plus half the sentences in which they are only mentioned. The protagonist is
  the most central character, the main characters the three most central.
- The *antagonist* is the character most often on the other side of a harmful verb from
  the protagonist (one hurts, captures, fights or betrays the other); none if nobody is.
- A subject "he"/"she" is the most recent character subject (a centering rule: synopses
  keep their subject from one sentence to the next); other pronouns are left alone.

Event kinds (death, capture, betrayal, exposure, a win, a fight) are small lists of verb
lemmas: spaCy has no event classes and no verb lexicon ships with a library we use (VADER
rates how good or bad a word is, not what kind of event it names). How good or bad an event
is comes from VADER's valence lexicon, signed by who undergoes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verb lemmas of each event kind (nouns where the event is often told as a noun: "his
# death"). Guesses that cross-validation weighs, not rules.
KINDS: dict[str, frozenset[str]] = {
    "die": frozenset(
        "die kill murder shoot stab poison execute drown assassinate slay strangle behead"
        " perish suffocate massacre slaughter death dead corpse funeral suicide".split()
    ),
    "capture": frozenset(
        "capture kidnap abduct arrest imprison seize trap catch detain jail ambush corner"
        " subdue apprehend confine lock hostage prisoner captive".split()
    ),
    "betray": frozenset(
        "betray deceive trick frame double-cross dupe manipulate lie cheat abandon desert"
        " dump blackmail betrayal".split()
    ),
    "expose": frozenset(
        "expose reveal discover uncover learn realize unmask confess admit recognize"
        " suspect accuse".split()
    ),
    "win": frozenset(
        "defeat win escape rescue save free overpower triumph succeed reunite marry foil"
        " thwart vanquish outwit survive".split()
    ),
    "fight": frozenset(
        "fight confront battle duel attack face chase pursue struggle clash challenge storm"
        " assault wrestle".split()
    ),
}
HARM = ("die", "capture", "betray", "fight")  # kinds that put two characters at odds
CLASH = {*HARM, "win"}  # kinds of a confrontation: harm, or one side defeating the other
# The valence of an event of a kind VADER does not rate ("capture", "kidnap"): moderately
# bad or good on VADER's scale (where "arrest" is -1.4 and "kill" -3.7).
KIND_VALENCE = {"die": -2.0, "capture": -2.0, "betray": -2.0, "win": 2.0}
# Intransitive verbs whose subject undergoes the event ("Buck dies", "Sam fails").
UNDERGO = frozenset("die perish drown fail lose collapse suffer succumb".split())
# Backward time cues: "years earlier", "ten years ago", "as a child", "in a flashback".
BACK_CUES = frozenset("earlier ago before previously prior flashback childhood child".split())

SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECTS = frozenset({"dobj", "iobj", "dative", "nsubjpass", "oprd"})
# Entity types a character's name may carry: people, and the groups that act as one
# ("the Soviets", "the FBI"); spaCy's small model leaves some names untyped.
NAME_TYPES = frozenset({"PERSON", "NORP", "ORG", ""})
PRONOUNS = frozenset({"he", "she"})


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """VADER's word valences (-4 very bad .. +4 very good), shipped in its package."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def word_valence(token: Token) -> float:
    lexicon = valence()
    value = lexicon.get(token.lower_, lexicon.get(token.lemma_.lower(), 0.0))
    negated = any(child.dep_ == "neg" for child in token.children)
    return -0.5 * value if negated else value


@dataclass
class Event:
    """A verb (or event noun) with the characters on each side of it."""

    verb: Token
    agents: set[str] = field(default_factory=set)
    patients: set[str] = field(default_factory=set)

    @property
    def kinds(self) -> set[str]:
        lemma = self.verb.lemma_.lower()
        return {kind for kind, words in KINDS.items() if lemma in words}

    @property
    def undergoers(self) -> set[str]:
        """Who the event happens to: the patients, and the subject of "dies", "fails"."""
        if self.verb.lemma_.lower() in UNDERGO:
            return self.patients | self.agents
        return self.patients


# ---------------------------------------------------------------- names


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.ent_type_ in NAME_TYPES and token.text.isalpha()


def _phrase_heads(doc: Doc) -> list[Token]:
    """Name tokens that head their phrase (not a compound part of a longer name)."""
    return [t for t in doc if _is_name(t) and not (t.dep_ == "compound" and _is_name(t.head))]


def _phrase_keys(head: Token) -> tuple[str, ...]:
    parts = [c for c in head.children if c.dep_ == "compound" and _is_name(c)]
    return tuple(sorted({t.text for t in (*parts, head)}))


def _conjuncts(token: Token) -> list[Token]:
    """The token and the tokens joined to it by "and": "Holmes and Watson"."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


# ---------------------------------------------------------------- one synopsis


@dataclass
class Cast:
    """Each surface key mapped to its character, and who the story is about."""

    person: dict[str, str]  # key -> character (its most frequent key)
    centrality: Counter[str]
    protagonist: str | None
    antagonist: str | None
    main: tuple[str, ...]


@dataclass
class Sentence:
    """What the features need from one sentence."""

    characters: set[str]  # characters named (or "he"/"she" resolved)
    agents: set[str]
    patients: set[str]
    events: list[Event]
    pluperfect: bool  # "had escaped": told before the story's time
    back_cue: bool  # "years earlier", "as a child"
    past: float  # share of finite verbs in the past tense
    valence: tuple[float, float]  # summed negative and positive word valences


def _keys_of(token: Token, person: dict[str, str], last: str | None) -> set[str]:
    """The characters a subject or object token stands for (conjuncts included)."""
    out: set[str] = set()
    for t in _conjuncts(token):
        if _is_name(t):
            out.update(person.get(k, k) for k in _phrase_keys(t))
        elif t.lower_ in PRONOUNS and t.dep_ in SUBJECTS and last is not None:
            out.add(last)
    return out


def _events(doc: Doc, person: dict[str, str], last: str | None) -> tuple[list[Event], str | None]:
    """Every verb with its agents and patients; `last` is the running subject for he/she."""
    events: dict[int, Event] = {}
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN", "ADJ"):
            continue
        event = Event(token)
        for child in token.children:
            if child.dep_ in SUBJECTS:
                event.agents |= _keys_of(child, person, last)
            elif child.dep_ in OBJECTS:
                event.patients |= _keys_of(child, person, last)
            elif child.dep_ == "agent":  # "captured by the Soviets"
                for pobj in child.children:
                    event.agents |= _keys_of(pobj, person, last)
            elif child.dep_ == "prep":  # "shoots at Blackwood", "escapes from Hamer"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        event.patients |= _keys_of(pobj, person, last)
        has_subject = any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in token.children)
        # "is captured and taken", "tries to kill": the verb shares its head's subject
        if not has_subject and token.dep_ in ("conj", "xcomp") and token.head.i in events:
            head = events[token.head.i]
            event.agents |= head.agents
            if any(c.dep_ == "nsubjpass" for c in token.head.children):
                event.patients |= head.patients
        if event.agents:
            last = sorted(event.agents)[0] if len(event.agents) == 1 else last
        if token.pos_ == "VERB" or event.kinds:
            events[token.i] = event
    return list(events.values()), last


def cast_of(docs: Sequence[Doc]) -> Cast:
    """The characters of a synopsis and their roles in it."""
    phrases = [_phrase_keys(h) for doc in docs for h in _phrase_heads(doc)]
    counts = Counter(k for keys in phrases for k in keys)
    person: dict[str, str] = {}
    for key in counts:
        # a key seen only beside a more frequent key is that person ("Sherlock" -> Holmes)
        with_key = [set(keys) - {key} for keys in phrases if key in keys]
        shared = set.intersection(*with_key) if with_key else set()
        better = [k for k in shared if (counts[k], k) > (counts[key], key)]
        person[key] = max(better, key=lambda k: (counts[k], k)) if better else key
    centrality: Counter[str] = Counter()
    roles: list[tuple[set[str], set[str]]] = []
    last: str | None = None
    for doc in docs:
        events, last = _events(doc, person, last)
        acting = {c for e in events for c in e.agents | e.patients}
        named = {person.get(k, k) for h in _phrase_heads(doc) for k in _phrase_keys(h)}
        # a sentence where they act or are acted on counts twice a mere mention
        for character in acting:
            centrality[character] += 2
        for character in named - acting:
            centrality[character] += 1
        roles.extend((e.agents, e.patients) for e in events if e.kinds & set(HARM))
    ranked = sorted(centrality, key=lambda c: (-centrality[c], c))
    protagonist = ranked[0] if ranked else None
    at_odds: Counter[str] = Counter()
    for agents, patients in roles:
        if protagonist in agents:
            at_odds.update(patients - {protagonist})
        if protagonist in patients:
            at_odds.update(agents - {protagonist})
    antagonist = max(at_odds, key=lambda c: (at_odds[c], centrality[c], c)) if at_odds else None
    return Cast(person, centrality, protagonist, antagonist, tuple(ranked[:3]))


def read_sentences(docs: Sequence[Doc], cast: Cast) -> list[Sentence]:
    out = []
    last: str | None = None
    for doc in docs:
        events, last = _events(doc, cast.person, last)
        named = {cast.person.get(k, k) for h in _phrase_heads(doc) for k in _phrase_keys(h)}
        agents = {c for e in events for c in e.agents}
        patients = {c for e in events for c in e.patients}
        finite = [t for t in doc if t.tag_ in ("VBD", "VBZ", "VBP")]
        values = [word_valence(t) for t in doc if t.is_alpha]
        out.append(
            Sentence(
                characters=named | agents | patients,
                agents=agents,
                patients=patients,
                events=events,
                pluperfect=any(_is_pluperfect(t) for t in doc),
                back_cue=any(t.lower_ in BACK_CUES for t in doc),
                past=sum(t.tag_ == "VBD" for t in finite) / len(finite) if finite else 0.0,
                valence=(sum(v for v in values if v < 0), sum(v for v in values if v > 0)),
            )
        )
    return out


def _is_pluperfect(token: Token) -> bool:
    """ "had escaped": a past participle with the auxiliary "had"."""
    return token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in token.children
    )


def parse_synopsis(sentences: Sequence[str]) -> list[Doc]:
    """The parse of each sentence of a pre-segmented synopsis (TRIPOD's), made as the
    pipeline makes it: the sentences joined into one paragraph and parsed together, each
    sentence's tokens then cut out as its own Doc."""
    from outliner.backends.parser import parse

    return docs_of(sentences, parse([" ".join(sentences)])[0])


def docs_of(sentences: Sequence[str], doc: Doc) -> list[Doc]:
    """Cut a paragraph's parse into the given sentences (joined by single spaces)."""
    out = []
    start = 0
    for sentence in sentences:
        span = doc.char_span(start, start + len(sentence), alignment_mode="expand")
        out.append(span.as_doc() if span is not None else doc[0:0].as_doc())
        start += len(sentence) + 1
    return out


# ---------------------------------------------------------------- features

STORY_FEATURES = (
    "prot_agent",  # the protagonist acts
    "prot_patient",  # something is done to the protagonist
    "prot_present",
    "ant_present",
    "prot_and_ant",
    "main_present",  # how many of the three main characters are there
    *(f"kind_{k}" for k in KINDS),  # an event of this kind, to anyone
    "prot_dies_or_captured",  # the protagonist undergoes a death or capture
    "prot_betrayed_or_exposed",
    "ally_dies_or_captured",  # a main character other than the protagonist does
    "prot_wins",  # the protagonist wins, or the antagonist dies or is captured
    "fortune_bad",  # how bad the sentence's events are for the protagonist
    "fortune_good",
    "valence_bad",  # summed negative word valence of the sentence
    "valence_good",
    "backstory",  # pluperfect or a backward time cue
    "after_backstory",  # the first sentence after a run of backstory
    "past_tense",  # past tense where the synopsis is mostly in the present
    "new_characters",  # characters named for the first time
    "cast_list",  # two or more characters named for the first time
    "confrontation",  # protagonist and antagonist on two sides of a harmful event
    "last_confrontation",
    "after_last_confrontation",
    "last_antagonist",  # the last sentence the antagonist appears in
    "after_last_antagonist",
)


def story_features(docs: Sequence[Doc]) -> np.ndarray:
    """(n, len(STORY_FEATURES)) features of each sentence, from the parses of all."""
    cast = cast_of(docs)
    sentences = read_sentences(docs, cast)
    n = len(sentences)
    out = np.zeros((n, len(STORY_FEATURES)))
    column = {name: j for j, name in enumerate(STORY_FEATURES)}
    prot, ant = cast.protagonist, cast.antagonist
    allies = set(cast.main) - {prot, ant}
    film_past = float(np.mean([s.past for s in sentences])) if sentences else 0.0
    seen: set[str] = set()
    confrontations = []
    back_run = False
    for i, s in enumerate(sentences):
        row = out[i]
        row[column["prot_agent"]] = prot in s.agents
        row[column["prot_patient"]] = prot in s.patients
        row[column["prot_present"]] = prot in s.characters
        row[column["ant_present"]] = ant in s.characters
        row[column["prot_and_ant"]] = prot in s.characters and ant in s.characters
        row[column["main_present"]] = len(set(cast.main) & s.characters)
        kinds = Counter(k for e in s.events for k in e.kinds)
        for kind in KINDS:
            row[column[f"kind_{kind}"]] = kinds[kind] > 0
        bad = good = 0.0
        for e in s.events:
            ks = e.kinds
            undergo = e.undergoers
            if prot in undergo and ks & {"die", "capture"}:
                row[column["prot_dies_or_captured"]] = 1
            if prot in undergo and ks & {"betray", "expose"}:
                row[column["prot_betrayed_or_exposed"]] = 1
            if allies & undergo and ks & {"die", "capture"}:
                row[column["ally_dies_or_captured"]] = 1
            if (prot in e.agents and ks & {"win"}) or (ant in undergo and ks & {"die", "capture"}):
                row[column["prot_wins"]] = 1
            value = _fortune(e, prot, ant, allies)
            bad, good = bad + max(0.0, -value), good + max(0.0, value)
            if prot in e.agents | undergo and ant in e.agents | undergo and ks & CLASH:
                row[column["confrontation"]] = 1
        row[column["fortune_bad"]] = bad
        row[column["fortune_good"]] = good
        row[column["valence_bad"]] = -s.valence[0]
        row[column["valence_good"]] = s.valence[1]
        back = s.pluperfect or s.back_cue
        row[column["backstory"]] = back
        row[column["after_backstory"]] = back_run and not back
        back_run = back
        row[column["past_tense"]] = max(0.0, s.past - film_past)
        new = s.characters - seen
        seen |= s.characters
        row[column["new_characters"]] = len(new)
        row[column["cast_list"]] = len(new) >= 2
        if row[column["confrontation"]]:
            confrontations.append(i)
    if confrontations:
        last = confrontations[-1]
        out[last, column["last_confrontation"]] = 1
        out[last + 1 :, column["after_last_confrontation"]] = 1
    with_ant = [i for i, s in enumerate(sentences) if ant is not None and ant in s.characters]
    if with_ant:
        out[with_ant[-1], column["last_antagonist"]] = 1
        out[with_ant[-1] + 1 :, column["after_last_antagonist"]] = 1
    return out


def _fortune(event: Event, prot: str | None, ant: str | None, allies: set[str]) -> float:
    """How good (+) or bad (-) an event is for the protagonist, from the verb's valence.

    Done to the protagonist: the verb's valence (being rescued is good, being killed
    bad). Done by the protagonist to the antagonist: the opposite (killing the villain is
    a win). Done by the antagonist to an ally: half the valence (a loss close to them).
    """
    if prot is None:
        return 0.0
    value = word_valence(event.verb) or sum(KIND_VALENCE.get(k, 0.0) for k in event.kinds)
    if prot in event.undergoers:
        return value
    if prot in event.agents and ant in event.patients:
        return -value
    if prot in event.agents and not event.patients:
        return value
    if ant in event.agents and allies & event.patients:
        return 0.5 * value
    return 0.0
