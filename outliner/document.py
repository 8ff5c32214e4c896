"""The typed outline model that flows through the stages.

Every stage takes these frozen records and returns richer ones; none of them does I/O
or knows an output syntax. Only the writers in ``outliner.writers`` know Fountain.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from outliner.diagnostics import Diagnostic
from outliner.parse import Parse

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Field metadata: kept in memory only, never written to JSON nor described in its schema.
TRANSIENT = {"transient": True}


class SentenceKind(StrEnum):
    """What a sentence of the input does: tell the story or something else."""

    PLOT = "plot"
    HEADING = "heading"  # a title line above the synopsis
    COMMENTARY = "commentary"  # talks about the film rather than telling it
    LOGLINE = "logline"  # a one-line pitch above several retellings
    RETOLD = "retold"  # an event another retelling already tells: kept as a detail


@dataclass(frozen=True)
class Retelling:
    """One telling of the whole story; a file may hold several of one film (or of several)."""

    number: int  # 1, 2, ... in the order of the file
    sentences: tuple[int, ...]  # indices into Document.sentences of its plot sentences
    film: int = 1  # retellings of one film share this number


@dataclass(frozen=True)
class Sentence:
    index: int  # position among all sentences of the document
    text: str
    paragraph: int
    kind: SentenceKind = SentenceKind.PLOT
    retelling: int = 1  # which retelling of the file tells it
    retells: int | None = None  # RETOLD: the index of the plot sentence telling the same event


@dataclass(frozen=True)
class Document:
    """The synopsis as read: normalised text cut into paragraphs and sentences."""

    source: str  # the input's name, shown on the title page
    sentences: tuple[Sentence, ...]
    heading: str | None = None  # a title line found above the synopsis, if any
    retellings: tuple[Retelling, ...] = ()  # set when the file holds several, else empty
    notes: tuple[str, ...] = ()  # what fusing retellings found: differences between them
    aliases: tuple[tuple[str, str], ...] = ()  # (name replaced in the text, canonical name)
    # The spaCy parse of every sentence, by text (see outliner.parse); in memory only.
    parse: Parse = field(default_factory=Parse, compare=False, repr=False, metadata=TRANSIENT)

    @property
    def plot(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind is SentenceKind.PLOT)

    @property
    def story(self) -> tuple[Sentence, ...]:
        """Every sentence that tells the story: the plot and the details retold."""
        told = (SentenceKind.PLOT, SentenceKind.RETOLD)
        return tuple(s for s in self.sentences if s.kind in told)

    def retold(self, index: int) -> tuple[Sentence, ...]:
        """The other retellings' versions of the event plot sentence `index` tells."""
        return tuple(
            s for s in self.sentences if s.kind is SentenceKind.RETOLD and s.retells == index
        )

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def doc(self, sentence: Sentence | int) -> Doc:
        """The parse of a sentence (or of the sentence at an index)."""
        if isinstance(sentence, int):
            sentence = self.sentences[sentence]
        return self.parse[sentence.text]


@dataclass(frozen=True)
class Character:
    name: str  # canonical name used across the outline
    aliases: tuple[str, ...] = ()  # other ways the synopsis names them (full names…)
    role: str | None = None  # a role word the synopsis gives: Inspector, Seth, boss
    description: str | None = None
    first_sentence: int = 0
    mentions: int = 0
    actor: str | None = None  # "(Sanjay Dutt)" after the name: a cast note, never the body
    gender: str | None = None  # "male", "female", or None: from the pronouns used for them

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form, longest first, so that matching prefers full names."""
        return tuple(sorted({self.name, *self.aliases}, key=lambda n: (-len(n), n)))


@dataclass(frozen=True)
class Mention:
    """A pronoun or description the text uses for characters: "he" -> Ballu,
    "the two" -> Ram and Ganga."""

    sentence: int  # index into Document.sentences
    start: int  # character offsets in that sentence's text
    end: int
    text: str  # as written: "he", "his wife", "the inspector", "the two"
    characters: tuple[str, ...]  # canonical names: one, or several for "they", "the two"


class Setting(StrEnum):
    INT = "INT."
    EXT = "EXT."
    INT_EXT = "INT./EXT."


@dataclass(frozen=True)
class Place:
    name: str  # normalised location, e.g. "ROSHIDA'S LAIR"
    setting: Setting | None = None  # INT./EXT. only when the text says so
    sentences: tuple[int, ...] = ()  # plot sentences that name it as their setting
    carried: tuple[int, ...] = ()  # plot sentences that name no place and are still there

    @property
    def heading(self) -> str:
        """The scene heading as any app shows it: "INT. JAIL", or the bare name when the
        text says neither INT. nor EXT. (Fountain forces that with a leading ".")."""
        return f"{self.setting.value} {self.name}" if self.setting else self.name


TURNING_POINT_LABELS: tuple[str, ...] = (
    "Opportunity",
    "Change of Plans",
    "Point of No Return",
    "Major Setback",
    "Climax",
)


@dataclass(frozen=True)
class TurningPoint:
    number: int  # 1..5, in story order
    sentence: int  # index into Document.sentences
    score: float | None = None

    @property
    def label(self) -> str:
        return TURNING_POINT_LABELS[self.number - 1]


class LineOrigin(StrEnum):
    MODEL = "model"  # the model's own line, faithful and scored best
    FALLBACK = "fallback"  # nothing passed the checks: the source shortened, or Untitled
    GIVEN = "given"  # supplied by the user (--title, a title line, a logline in the input)
    COMPRESSED = "compressed"  # a source clause compressed from the parse, scored best
    TEMPLATE = "template"  # a logline after the template, its wording chosen by the model
    FILE_NAME = "file name"  # a title read from the input file's name


@dataclass(frozen=True)
class Beat:
    index: int
    sentences: tuple[int, ...]  # indices into Document.sentences, in order
    line: str = ""  # one-sentence, present-tense summary
    origin: LineOrigin = LineOrigin.MODEL
    place: Place | None = None  # the scene heading
    turning_points: tuple[TurningPoint, ...] = ()
    place_carried: bool = False  # no place named in the beat: the setting of the one before


@dataclass(frozen=True)
class Sequence:
    label: str  # "A".."H"
    name: str  # the sequence's dramatic function, e.g. "Status Quo and Inciting Incident"
    beats: tuple[int, ...]  # indices into Outline.beats


@dataclass(frozen=True)
class Act:
    number: int
    sequences: tuple[Sequence, ...]

    @property
    def beats(self) -> tuple[int, ...]:
        return tuple(b for seq in self.sequences for b in seq.beats)


@dataclass(frozen=True)
class TitlePage:
    title: str
    title_origin: LineOrigin
    source: str
    draft_date: date
    logline: str
    logline_origin: LineOrigin
    credit: str = "Outline by"
    author: str = "outliner"


@dataclass(frozen=True)
class Outline:
    document: Document
    characters: tuple[Character, ...] = ()
    mentions: tuple[Mention, ...] = ()  # pronouns and descriptions resolved to characters
    places: tuple[Place, ...] = ()
    turning_points: tuple[TurningPoint, ...] = ()
    beats: tuple[Beat, ...] = ()
    acts: tuple[Act, ...] = ()
    title_page: TitlePage | None = None
    model: str = ""
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def sentence(self, index: int) -> Sentence:
        return self.document.sentences[index]

    def with_diagnostics(self, *more: Diagnostic) -> Outline:
        return replace(self, diagnostics=self.diagnostics + more)
