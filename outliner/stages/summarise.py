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
from dataclasses import replace
from datetime import date

from outliner.backends import Summarizer
from outliner.config import Options
from outliner.diagnostics import Code, Diagnostic
from outliner.document import Beat, LineOrigin, Outline, SentenceKind, TitlePage
from outliner.lexicon import WORD, is_capitalised, is_common_word, strip_possessive
from outliner.prompts import FEW_SHOT, PROMPT_MARKERS, Task

# Share of a line's content words that must appear (by stem) in its passage.
MIN_SUPPORT = 0.75
STEM = 4
# How far apart (in words) a name and its action may stand in the passage.
WINDOW = 10
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9\"')][.!?])\s")
_CLAUSE_BREAKS = re.compile(
    r",\s(?:who|which|where|while|whereas|thereby|only to|however|but|although)\b|;\s|\s[-–—]\s"
)
# Function words carry no facts: they are neither evidence of invention nor anchors.
_FUNCTION = frozenset(
    """a about above after again against all also although among an and any are as at be
    because been before being below between both but by can cannot could did do does doing
    down during each even ever every for from further had has have having he her here hers
    him himself his how i if in into is it its itself just me more most much must my no nor
    not of off on once only or other our out over own same she should since so some such
    than that the their theirs them themselves then there these they this those through to
    too under until up upon very was we were what when where which while who whom whose
    why will with within without would you your yours""".split()
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


def _stems(text: str) -> set[str]:
    return {w.lower()[:STEM] for w in WORD.findall(text)}


def invented_names(line: str, synopsis_words: set[str]) -> list[str]:
    """Capitalised words of `line` that look like names and do not occur in the synopsis."""
    out = []
    for position, match in enumerate(WORD.finditer(line)):
        word = strip_possessive(match.group())
        if not is_capitalised(word) or word.lower() in synopsis_words:
            continue
        if position == 0 and is_common_word(word):
            continue  # "Later", "Meanwhile": an ordinary word opening the sentence
        out.append(word)
    return out


def _tokens(text: str) -> list[str]:
    return [strip_possessive(w) for w in WORD.findall(text)]


def _is_anchor(word: str) -> bool:
    """A word that says what a person does or is: content, lowercase, not a name."""
    return word.islower() and len(word) >= 3 and word not in _FUNCTION and word not in _AUX


def misplaced_names(line: str, passage: str, synopsis_names: set[str]) -> list[str]:
    """Names the line ties to an action the passage does not tie them to.

    For each name, the nearest content word after it (its verb, usually) must follow the
    same name within a few words in one sentence of the passage, and the nearest content
    word before it (the verb it is the object of) must precede it there. This catches a
    small model's favourite slip, swapping who does what ("Ram installs himself as the new
    boss" from "Ballu installs himself as the new boss"). It also rejects some faithful
    rewrites (active for passive); those fall back to the source, which is still true.
    """
    words = _tokens(line)
    sentences = [_tokens(s) for s in re.split(r"(?<=[.!?])\s+", passage)]
    problems = []
    for i, word in enumerate(words):
        if word not in synopsis_names:
            continue
        after = next((w for w in words[i + 1 : i + 5] if _is_anchor(w)), None)
        before = next((w for w in reversed(words[max(0, i - 3) : i]) if _is_anchor(w)), None)
        for anchor, forward in ((after, True), (before, False)):
            if anchor and not _near(word, anchor, forward, sentences):
                problems.append(f"{word} {anchor}" if forward else f"{anchor} {word}")
    return problems


def _near(name: str, anchor: str, forward: bool, sentences: list[list[str]]) -> bool:
    stem = anchor.lower()[:STEM]
    for tokens in sentences:
        for i, token in enumerate(tokens):
            if token != name:
                continue
            span = tokens[i + 1 : i + 1 + WINDOW] if forward else tokens[max(0, i - WINDOW) : i]
            if any(t.lower()[:STEM] == stem for t in span):
                return True
    return False


def unsupported_words(line: str, passage: str) -> list[str]:
    """The line's lowercase content words that its passage lacks, if too many of them do.

    Names are checked on their own; here only the words that carry the events count.
    """
    content = [w for w in WORD.findall(line) if len(w) >= STEM and w.islower()]
    content = [w for w in content if w not in _FUNCTION]
    source = _stems(passage)
    missing = [w for w in content if w[:STEM] not in source]
    if content and len(missing) / len(content) > 1 - MIN_SUPPORT:
        return missing
    return []


def repeated(line: str) -> list[str]:
    """Words said three times or more: the mark of a model looping."""
    counts = Counter(w.lower() for w in _tokens(line) if w.lower() not in _FUNCTION)
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
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _FUNCTION:
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


def summarise(outline: Outline, summarizer: Summarizer, options: Options) -> Outline:
    document = outline.document
    synopsis = document.text
    synopsis_words = {w.lower() for w in WORD.findall(synopsis)}
    names = _names(outline)
    diagnostics: list[Diagnostic] = []

    def checked(task: Task, reply: str, passage: str, fallback: str) -> tuple[str, LineOrigin, str]:
        line = clean(reply)
        if task is Task.TITLE:
            line = line.rstrip(".")
        why = problem(line, task, passage, synopsis_words, names)
        if why is None:
            return line, LineOrigin.MODEL, ""
        return fallback, LineOrigin.FALLBACK, why

    beats: list[Beat] = []
    # A beat's passage holds its sentences and the other retellings' tellings of them.
    passages = [
        " ".join(t.text for i in b.sentences for t in (outline.sentence(i), *document.retold(i)))
        for b in outline.beats
    ]
    replies = summarizer.summarise(Task.BEAT, passages)
    for beat, passage, reply in zip(outline.beats, passages, replies, strict=True):
        first = outline.sentence(beat.sentences[0]).text
        line, origin, why = checked(
            Task.BEAT, reply, passage, compress(first, FEW_SHOT[Task.BEAT].max_words)
        )
        if why:
            diagnostics.append(
                Diagnostic(Code.BEAT_LINE_FALLBACK, f"{why}; used the source sentence", beat.index)
            )
        beats.append(replace(beat, line=line, origin=origin))

    # A logline names the hero, the inciting incident and the goal: Act One's beats.
    first_act = outline.acts[0].beats if outline.acts else ()
    opening = " ".join(beats[b].line for b in first_act) or synopsis
    plot = document.plot
    given_logline = next(
        (s.text for s in document.sentences if s.kind is SentenceKind.LOGLINE), None
    )
    tasks = [] if given_logline else [Task.LOGLINE]
    tasks += [] if options.title or document.heading else [Task.TITLE]
    extra = {task: summarizer.summarise(task, [opening])[0] for task in tasks}
    if given_logline:
        logline, logline_origin = given_logline, LineOrigin.GIVEN
    else:
        logline, logline_origin, why = checked(
            Task.LOGLINE,
            extra[Task.LOGLINE],
            synopsis,
            compress(plot[0].text if plot else "", FEW_SHOT[Task.LOGLINE].max_words),
        )
        if why:
            diagnostics.append(
                Diagnostic(Code.LOGLINE_FALLBACK, f"{why}; used the opening sentence")
            )

    given = options.title or document.heading
    if given:
        title, title_origin = given.strip(), LineOrigin.GIVEN
    else:
        title, title_origin, why = checked(
            Task.TITLE, extra[Task.TITLE], synopsis, _fallback_title(outline)
        )
        if why:
            diagnostics.append(Diagnostic(Code.TITLE_FALLBACK, f"{why}; titled after the hero"))

    title_page = TitlePage(
        title=title,
        title_origin=title_origin,
        source=document.source,
        draft_date=options.draft_date or date.today(),
        logline=logline,
        logline_origin=logline_origin,
    )
    return replace(outline, beats=tuple(beats), title_page=title_page).with_diagnostics(
        *diagnostics
    )


def _names(outline: Outline) -> set[str]:
    """Every word of every character's names, and the synopsis' other rare capitalised words."""
    names = {part for c in outline.characters for n in c.names for part in n.split()}
    for word in _tokens(outline.document.text):
        if is_capitalised(word) and not is_common_word(word):
            names.add(word)
    return names


def _fallback_title(outline: Outline) -> str:
    """The most mentioned character, else the synopsis' first words."""
    if outline.characters:
        return max(outline.characters, key=lambda c: (c.mentions, -c.first_sentence)).name
    plot = outline.document.plot
    words = plot[0].text.split()[:4] if plot else []
    return " ".join(words).strip(".,;:") or "Untitled"
