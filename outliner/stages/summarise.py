"""Summarise: one line per beat, a logline and (when none is given) a title.

The model's reply is cleaned to one sentence and checked before it is used. A line that
names a person or place the synopsis does not contain, adds words its passage does not
support, is empty, too long, or repeats the prompt falls back to a compressed form of the
source sentence, and a diagnostic says why. Faithfulness first: the fallback is dull but
true.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from outliner.backends import Summarizer
from outliner.backends.parser import parse, parse_sentence
from outliner.config import Options
from outliner.diagnostics import Code, Diagnostic
from outliner.document import Beat, LineOrigin, Outline, SentenceKind, TitlePage
from outliner.lexicon import WORD, is_capitalised, is_common_word, strip_possessive
from outliner.prompts import FEW_SHOT, PROMPT_MARKERS, Task
from outliner.stages.compress import Candidate, Names, candidates, clause_heads
from outliner.stages.events import GRAVE_WEIGHT, LIGHT, chain, importance
from outliner.stages.lines import (
    MAX_BEAT_WORDS,
    copied,
    fragment,
    has_parenthesis,
    invented_names,
    logline_problems,
    opens_with_pronoun,
    with_plain_names,
    words,
)
from outliner.stages.titles import AUTO, UNTITLED, logline_candidates, title_from_source
from outliner.story.openings import name_opening

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Share of a line's content words that must appear (by stem) in its passage.
MIN_SUPPORT = 0.75
# How far apart (in words) a name and its action may stand in the passage.
WINDOW = 10
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9\"')][.!?])\s")
_CLAUSE_BREAKS = re.compile(
    r",\s(?:who|which|where|while|whereas|thereby|only to|however|but|although)\b|;\s|\s[-–—]\s"
)
# Auxiliaries and adverbs stand between a name and its verb: "Ballu is arrested".
_AUX = frozenset("finally later meanwhile now soon still".split())


def clean(reply: str) -> str:
    """First line, first sentence, no wrapping quotes, capitalised, one final stop."""
    line = reply.strip().split("\n", 1)[0].strip()
    line = line.strip("\"'“”‘’*_ ").strip()
    line = _SENTENCE_END.split(line, maxsplit=1)[0].strip()
    line = re.sub(r"\s+", " ", line)
    if line and line[0].islower():
        line = line[0].upper() + line[1:]
    return line


# Parts of speech that carry a line's facts: what people do and what they do it to.
_CONTENT = frozenset({"VERB", "NOUN", "ADJ", "ADV"})


def _content(token: Token) -> bool:
    """A word that says what happens or to what: a lowercase verb, noun, adjective or
    adverb that is no stop word (spaCy's list) and no linking adverb ("meanwhile")."""
    return (
        token.pos_ in _CONTENT
        and not token.is_stop
        and token.text.islower()
        and len(token.text) >= 3
        and token.lower_ not in _AUX
    )


def _name(token: Token) -> str:
    return strip_possessive(token.text)


def misplaced_names(line: str, passage: str, synopsis_names: set[str]) -> list[str]:
    """Names the line ties to an action the passage does not tie them to.

    For each name, the nearest content word after it (its verb, usually) must follow the
    same name within a few words in one sentence of the passage, and the nearest content
    word before it (the verb it is the object of) must precede it there; words compare by
    lemma. This catches a small model's favourite slip, swapping who does what ("Ram
    installs himself as the new boss" from "Ballu installs himself as the new boss"). It
    also rejects some faithful rewrites (active for passive); the compressions stand in.
    """
    tokens = [t for t in parse_sentence(line) if not t.is_punct and t.pos_ != "PART"]
    sentences = [
        [t for t in sentence if not t.is_punct and t.pos_ != "PART"]
        for doc in parse([passage])
        for sentence in doc.sents
    ]
    problems = []
    for i, token in enumerate(tokens):
        name = _name(token)
        if name not in synopsis_names:
            continue
        after = next((t for t in tokens[i + 1 : i + 5] if _content(t)), None)
        before = next((t for t in reversed(tokens[max(0, i - 3) : i]) if _content(t)), None)
        for anchor, forward in ((after, True), (before, False)):
            if anchor is not None and not _near(name, anchor, forward, sentences):
                said = f"{name} {anchor.text}" if forward else f"{anchor.text} {name}"
                problems.append(said)
    return problems


def _near(name: str, anchor: Token, forward: bool, sentences: list[list[Token]]) -> bool:
    lemma = anchor.lemma_.lower()
    for tokens in sentences:
        for i, token in enumerate(tokens):
            if _name(token) != name:
                continue
            span = tokens[i + 1 : i + 1 + WINDOW] if forward else tokens[max(0, i - WINDOW) : i]
            if any(t.lemma_.lower() == lemma for t in span):
                return True
    return False


def unsupported_words(line: str, passage: str) -> list[str]:
    """The line's content words whose lemma its passage lacks, if too many of them do.

    Names are checked on their own; here only the words that carry the events count.
    """
    content = [t for t in parse_sentence(line) if _content(t)]
    told = [t for doc in parse([passage]) for t in doc]
    source = {t.lemma_.lower() for t in told} | {t.lower_ for t in told}
    missing = [t.text for t in content if t.lemma_.lower() not in source]
    if content and len(missing) / len(content) > 1 - MIN_SUPPORT:
        return missing
    return []


def repeated(line: str) -> list[str]:
    """Words said three times or more: the mark of a model looping."""
    counts = Counter(
        t.lemma_.lower() for t in parse_sentence(line) if not (t.is_stop or t.is_punct)
    )
    return [w for w, n in counts.items() if n > 2]


def problem(
    line: str, task: Task, passage: str, synopsis_words: set[str], synopsis_names: set[str]
) -> str | None:
    """Why a cleaned model line cannot be used, or None."""
    if not line:
        return "the model's line was empty"
    if any(marker.lower() in line.lower() for marker in PROMPT_MARKERS):
        return "the model repeated the prompt"
    words = WORD.findall(line)
    limit = FEW_SHOT[task].max_words
    if len(words) > limit:
        return f"the model's line was too long ({len(words)} words > {limit})"
    if task is not Task.TITLE and len(words) < 3:
        return "the model's line was too short"
    if repeated(line):
        return f"the model's line repeats {', '.join(repeated(line))}"
    names = invented_names(line, synopsis_words)
    if names:
        return f"the model's line names {', '.join(names)}, not in the synopsis"
    missing = unsupported_words(line, passage)
    if missing:
        return f"the model's line adds words the synopsis does not support: {', '.join(missing)}"
    misplaced = misplaced_names(line, passage, synopsis_names)
    if misplaced:
        return f"the model's line says '{'; '.join(misplaced)}', which the synopsis does not"
    return None


# Words a clause or phrase can start with: a long sentence is cut before one of them.
_JOINS = frozenset(
    """and but or while where when whereas who whom whose which as after before because
    since so then until only thereby""".split()
)


def _shorten(words: list[str], max_words: int) -> list[str]:
    """At most `max_words` words, cut where a clause or phrase ends rather than inside one:
    "... attempts to kill him and his mother" becomes "... attempts to kill him", not
    "... kill him and his"."""
    kept = words[:max_words]
    for end in range(max_words, max_words // 2, -1):
        if kept[end - 1].endswith((",", ";", ":")) or words[end].lower() in _JOINS:
            return [*kept[: end - 1], kept[end - 1].rstrip(",;:")]
    from spacy.lang.en.stop_words import STOP_WORDS

    while len(kept) > 1 and kept[-1].lower().strip(",;:") in STOP_WORDS:
        kept.pop()  # never end on "the", "his", "to"
    return kept


def compress(sentence: str, max_words: int) -> str:
    """A shorter, still true form of a source sentence: no asides, main clause first."""
    text = _PARENTHESES.sub("", sentence).strip()
    match = _CLAUSE_BREAKS.search(text)
    if match and len(text[: match.start()].split()) >= 4:
        text = text[: match.start()]
    words = text.split()
    if len(words) > max_words:
        text = " ".join(_shorten(words, max_words))
    text = text.rstrip(" .!?,;:")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text + "." if text else ""


# How a candidate line is chosen: the model's fluency score (mean token log-probability,
# about -1 to -4), a prior for about IDEAL_WORDS words, and whether it tells the beat's
# main event (0 to 1). Weights set by reading the seeds' and a few TRIPOD films' lines.
IDEAL_WORDS = 9
LENGTH_WEIGHT = 0.8
COVERAGE_WEIGHT = 2.0
IMPORTANCE_WEIGHT = 0.6
# Compression candidates per beat that go on to the model's scoring (a beam): the best by
# coverage and length.
BEAM = 10
LONGEST_FALLBACK = 22


@dataclass(frozen=True)
class Choice:
    text: str
    origin: LineOrigin
    coverage: float  # tells the beat's main event (1) or a lesser one (less)
    weight: float  # how grave the event it tells is, 0 to 1

    def prior(self) -> float:
        """Everything but the model's fluency."""
        return (
            LENGTH_WEIGHT * length_prior(self.text)
            + COVERAGE_WEIGHT * self.coverage
            + IMPORTANCE_WEIGHT * self.weight
        )


def summarise(outline: Outline, summarizer: Summarizer, options: Options) -> Outline:
    document = outline.document
    synopsis = document.text
    synopsis_words = {w.lower() for w in WORD.findall(synopsis)}
    names = _names(outline)
    characters = [n for c in outline.characters for n in c.names]
    resolver = Names(outline)
    sources = [s.text for s in document.sentences]
    diagnostics: list[Diagnostic] = []

    # A beat's passage holds its sentences and the other retellings' tellings of them.
    passages = [
        " ".join(t.text for i in b.sentences for t in (outline.sentence(i), *document.retold(i)))
        for b in outline.beats
    ]
    replies = summarizer.summarise(Task.BEAT, passages)
    pools = []
    for beat, passage, reply in zip(outline.beats, passages, replies, strict=True):
        pool = beat_candidates(outline, beat, resolver, sources)
        model_line = clean(reply)
        docs = [document.doc(i) for i in beat.sentences]
        why = (
            problem(model_line, Task.BEAT, passage, synopsis_words, names)
            or _line_rule(model_line, sources)
            or swapped_subject(parse_sentence(model_line), docs, resolver)
        )
        if why is None:
            cover, weight = model_coverage(outline, beat, model_line)
            pool.append(Choice(model_line, LineOrigin.MODEL, cover, weight))
        pools.append(pool)
    texts = list(dict.fromkeys(c.text for pool in pools for c in pool))
    fluency = dict(zip(texts, summarizer.score(Task.BEAT, texts), strict=True))

    beats: list[Beat] = []
    for beat, pool in zip(outline.beats, pools, strict=True):
        chosen = choose(pool, fluency, characters)
        if chosen is None:
            first = outline.sentence(beat.sentences[0]).text
            text = name_opening(outline, beat.sentences[0], compress(first, MAX_BEAT_WORDS))
            chosen = Choice(text, LineOrigin.FALLBACK, 0.0, 0.0)
            diagnostics.append(
                Diagnostic(
                    Code.BEAT_LINE_FALLBACK,
                    "no candidate line passed the checks; used the source sentence shortened",
                    beat.index,
                )
            )
        beats.append(replace(beat, line=chosen.text, origin=chosen.origin))
    outline = replace(outline, beats=tuple(beats))

    title, title_origin, title_notes = make_title(outline, summarizer, options, names)
    logline, logline_origin, logline_notes = make_logline(outline, summarizer, resolver)
    title_page = TitlePage(
        title=title,
        title_origin=title_origin,
        source=document.source,
        draft_date=options.draft_date or date.today(),
        logline=logline,
        logline_origin=logline_origin,
    )
    return replace(outline, title_page=title_page).with_diagnostics(
        *diagnostics, *title_notes, *logline_notes
    )


def _line_rule(line: str, sources: list[str]) -> str | None:
    """The beat-line rules a model line can break besides faithfulness."""
    if opens_with_pronoun(line):
        return "the model's line opens with a pronoun"
    if copied(line, sources):
        return "the model's line copies a long source sentence"
    if has_parenthesis(line):
        return "the model's line holds a parenthesis"
    return None


def swapped_subject(line: Doc, sources: list[Doc], names: Names) -> str | None:
    """A pronoun subject in the model's line that stands for someone other than the one
    the source gives that verb: "Ballu surrenders and swears that he is innocent" from
    "... swears that Ganga is innocent". The pronoun is read as the nearest name before
    it in the line; the source's subject of the same verb (by lemma) must be that name."""
    for token in line:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.tag_ != "PRP":
            continue
        before = [t for t in line[: token.i] if names.of_name(t.text)]
        if not before:
            continue
        meant = names.of_name(before[-1].text)
        verb = token.head
        for doc in sources:
            for other in doc:
                if other.lemma_ != verb.lemma_ or other.pos_ != verb.pos_:
                    continue
                subject = next((c for c in other.children if c.dep_ == token.dep_), None)
                said = names.of_name(subject.text) if subject is not None else None
                if said is not None and said != meant:
                    why = f"{token.text} ({meant}) {verb.text}; the source: {said}"
                    return f"the model's line says {why}"
    return None


def main_event(outline: Outline, beat: Beat) -> tuple[int, int, float] | None:
    """(sentence, verb token, importance) of the beat's main event: the strongest event of
    its turning point's sentence when it holds one, else of all its sentences (the later
    one on a tie: the event the beat leads to, "... but then surrenders")."""
    sentences = [tp.sentence for tp in beat.turning_points] or list(beat.sentences)
    best: tuple[float, int, int] | None = None
    event = (0, 0, 0.0)
    for index in sentences:
        for head in clause_heads(outline.document.doc(index)):
            key = (importance(head), index, head.i)
            if best is None or key > best:
                best = key
                event = (index, head.i, key[0])
    return event if best is not None else None


def beat_candidates(outline: Outline, beat: Beat, names: Names, sources: list[str]) -> list[Choice]:
    """The beam of compression candidates from the beat's sentences."""
    event = main_event(outline, beat)
    out = []
    for index in beat.sentences:
        for candidate in candidates(outline, index, names):
            if opens_with_pronoun(candidate.text) or copied(candidate.text, sources):
                continue
            weight = candidate.importance / GRAVE_WEIGHT
            out.append(
                Choice(candidate.text, LineOrigin.COMPRESSED, coverage(candidate, event), weight)
            )
    order = sorted(range(len(out)), key=lambda i: (-out[i].prior(), i))
    return [out[i] for i in order[:BEAM]]


def coverage(candidate: Candidate, event: tuple[int, int, float] | None) -> float:
    """1 when the candidate tells the beat's main event; else a share for the weight of
    the event it does tell."""
    if event is None:
        return 0.0
    sentence, head, weight = event
    if candidate.sentence == sentence and head in candidate.heads:
        return 1.0
    return 0.5 * min(1.0, candidate.importance / max(weight, 1e-9))


def model_coverage(outline: Outline, beat: Beat, line: str) -> tuple[float, float]:
    """(coverage, weight) of the model's line: whether it names the main event's verbs
    (by lemma), and how grave the gravest event it names is."""
    doc = parse_sentence(line)
    best = max((importance(t) for t in doc if t.pos_ == "VERB"), default=0.0)
    event = main_event(outline, beat)
    if event is None:
        return 0.0, best / GRAVE_WEIGHT
    sentence, head, weight = event
    verbs = {t.lemma_.lower() for t in chain(outline.document.doc(sentence)[head])}
    verbs -= LIGHT
    said = {t.lemma_.lower() for t in doc if t.pos_ in ("VERB", "AUX")}
    if verbs & said:
        return 1.0, best / GRAVE_WEIGHT
    return 0.5 * min(1.0, best / max(weight, 1e-9)), best / GRAVE_WEIGHT


def length_prior(text: str) -> float:
    return -abs(len(words(text)) - IDEAL_WORDS) / IDEAL_WORDS


def choose(
    pool: list[Choice], fluency: dict[str, float], characters: Sequence[str] = ()
) -> Choice | None:
    """The best-scoring candidate that parses as a whole sentence (ties: the first); its
    syntax read with the characters' names made plain (lines.with_plain_names)."""
    ranked = sorted(enumerate(pool), key=lambda p: (-(fluency[p[1].text] + p[1].prior()), p[0]))
    for _, choice in ranked:
        if fragment(parse_sentence(with_plain_names(choice.text, characters))) is None:
            return choice
    return None


def make_title(
    outline: Outline, summarizer: Summarizer, options: Options, names: set[str]
) -> tuple[str, LineOrigin, list[Diagnostic]]:
    """--title > a title line in the input > the file's name > "Untitled"; the model's
    title only with --title auto."""
    document = outline.document
    if options.title and options.title.strip().lower() != AUTO:
        return options.title.strip(), LineOrigin.GIVEN, []
    notes = []
    if options.title and options.title.strip().lower() == AUTO:
        opening = " ".join(outline.beats[b].line for b in _first_act(outline)) or document.text
        line = clean(summarizer.summarise(Task.TITLE, [opening])[0]).rstrip(".")
        why = problem(
            line, Task.TITLE, document.text, {w.lower() for w in WORD.findall(document.text)}, names
        )
        if why is None:
            return line, LineOrigin.MODEL, []
        notes.append(Diagnostic(Code.TITLE_FALLBACK, f"{why}; titled from the input"))
    if document.heading:
        return document.heading.strip(), LineOrigin.GIVEN, notes
    from_name = title_from_source(document.source)
    if from_name:
        return from_name, LineOrigin.FILE_NAME, notes
    notes.append(
        Diagnostic(Code.TITLE_FALLBACK, "no title line and the file name is no title: Untitled")
    )
    return UNTITLED, LineOrigin.FALLBACK, notes


def _first_act(outline: Outline) -> tuple[int, ...]:
    return outline.acts[0].beats if outline.acts else ()


def make_logline(
    outline: Outline, summarizer: Summarizer, names: Names
) -> tuple[str, LineOrigin, list[Diagnostic]]:
    """A logline given in the input as it is; else the template's best telling (the model
    scores them), checked like a beat line; else the Opportunity beat's line."""
    document = outline.document
    given = next((s.text for s in document.sentences if s.kind is SentenceKind.LOGLINE), None)
    if given:
        return given, LineOrigin.GIVEN, []
    options = [
        text
        for text in logline_candidates(outline, names)
        if not logline_problems(text, parse_sentence(text), outline)
    ]
    if options:
        scores = summarizer.score(Task.LOGLINE, options)
        best = max(
            range(len(options)),
            key=lambda i: (scores[i] - abs(len(words(options[i])) - 22) / 44, -i),
        )
        return options[best], LineOrigin.TEMPLATE, []
    beat = next((b for b in outline.beats if any(tp.number == 1 for tp in b.turning_points)), None)
    line = beat.line if beat is not None else (outline.beats[0].line if outline.beats else "")
    why = "no logline from the template passed the checks; used the Opportunity's beat line"
    return line, LineOrigin.FALLBACK, [Diagnostic(Code.LOGLINE_FALLBACK, why)]


def _names(outline: Outline) -> set[str]:
    """Every word of every character's names, and the synopsis' other rare capitalised words."""
    names = {part for c in outline.characters for n in c.names for part in n.split()}
    for word in (strip_possessive(w) for w in WORD.findall(outline.document.text)):
        if is_capitalised(word) and not is_common_word(word):
            names.add(word)
    return names
