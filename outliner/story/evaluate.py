"""Score the character finder against IMDb casts (TRIPOD's cast_train.tsv).

Definitions, also given in `outliner eval characters --help`. The issue counts "a cast
character present when one of its name words (> 2 letters, not a title) is written with
a capital in the synopsis"; the default reads "name words" as the words that name that
character, which needs two refinements, and `literal` drops them:
- A cast character's *name words* are its capitalised words of 3+ letters that are not
  titles or generic words ("Dr.", "Sgt.", "Young", "The"), nor another character's name
  in a possessive ("Jessica's Mother" has none), before any " - " gloss. Accents are
  folded and hyphens split words ("Tomás" is "Tomas", "Pooh-Bear" is "Pooh Bear").
- A cast character is *present* when one of its name words occurs in the synopsis as a
  whole, case-sensitive word: the synopsis names them.
- Refinement 1: an unnamed part ("Baltimore Waitress", "Deputy #2") has no name words:
  its words describe a part (its head is a job the synopsis never capitalises).
- Refinement 2: a word several cast characters share ("Brody" in Martin, Ellen and Sean
  Brody; "Truman" in Truman and Young Truman) names only the first-billed of them, since
  the cast list is in billing order: one written name names one person.
  Without these (`literal`), one written "Truman" makes three cast entries present, which
  no finder can match one to one, and "Seattle" makes "Seattle Maitre D'" present.
- A predicted character *matches* a present cast character when they share a name word
  (the predicted words are those of its name and aliases). Matching is one-to-one (a
  maximum bipartite matching), so a character found twice counts once and the duplicate
  is a false positive. A prediction with no name words ("V", "Agent K") can match
  nothing, just as such a cast character is never present: it is counted apart as
  unscored, not as an error.
- Precision = matched predictions / scored predictions; recall = matched present cast
  characters / present cast characters; F1 their harmonic mean. Micro-averaged over films
  (every character counts once) and also reported per film (macro).
- A prediction *is an actor* when it matches no cast character and one of its names is
  an actor's full name, or a word of an actor's name that the synopsis uses for the
  actor (their full name appears, or the word stands in parentheses).
- The rules of the finder were written while reading the errors on the films at even
  positions of the alphabetical list (the development half); the odd positions are
  reported apart, as a check on how much of the figure is in-sample.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from outliner.document import Character
from outliner.lexicon import is_common_word

TITLES = frozenset(
    """mr mrs ms miss mister dr doctor sgt sergeant capt captain lt lieutenant col colonel
    gen general maj major prof professor rev reverend det detective officer agent judge
    father mother sister brother aunt uncle sir lady lord king queen prince princess dame
    young younger old older little big the and von van der del de la le st saint jr sr
    himself herself""".split()
)
_WORD = re.compile(r"[A-Za-z]+")


def fold(text: str) -> str:
    """Accents off ("Tomás" -> "Tomas"), curly apostrophes straight."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_words(name: str) -> set[str]:
    """Capitalised words of 3+ letters that are not titles: 'Dr. Ian Malcolm' -> Ian, Malcolm.

    Possessives name someone else ("Annie's Mom") and a gloss after " - " describes.
    """
    name = fold(name).split(" - ")[0]
    name = re.sub(r"(?<![A-Za-z])'([A-Za-z\-]+)'", r" \1 ", name)  # 'Catch': a nickname
    name = re.sub(r"[A-Za-z\-]+'s?(?![A-Za-z])", " ", name)
    words = _WORD.findall(name)
    return {w for w in words if len(w) > 2 and w[0].isupper() and w.lower() not in TITLES}


@dataclass(frozen=True)
class CastMember:
    actor: str
    character: str


@dataclass
class FilmScore:
    film: str
    predicted: list[str]
    present: list[str]
    matched: list[tuple[str, str]]  # (predicted, cast character)
    actors: list[str]  # predictions that are actors
    unscored: list[str] = field(default_factory=list)  # predictions without name words

    @property
    def precision(self) -> float:
        return len(self.matched) / len(self.predicted) if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return len(self.matched) / len(self.present) if self.present else 1.0


@dataclass
class Report:
    films: list[FilmScore] = field(default_factory=list)

    def _totals(self) -> tuple[int, int, int]:
        matched = sum(len(f.matched) for f in self.films)
        return (
            matched,
            sum(len(f.predicted) for f in self.films),
            sum(len(f.present) for f in self.films),
        )

    @property
    def precision(self) -> float:
        matched, predicted, _ = self._totals()
        return matched / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        matched, _, present = self._totals()
        return matched / present if present else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def macro_f1(self) -> float:
        scores = [_f1(f.precision, f.recall) for f in self.films]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def actors(self) -> int:
        return sum(len(f.actors) for f in self.films)

    @property
    def unscored(self) -> int:
        return sum(len(f.unscored) for f in self.films)

    def only(self, films: Iterable[str]) -> Report:
        chosen = set(films)
        return Report([f for f in self.films if f.film in chosen])


def halves(films: Iterable[str]) -> tuple[list[str], list[str]]:
    """The films at even and at odd positions of their alphabetical list: the half the
    rules were developed on, and the half kept for checking them."""
    ordered = sorted(films)
    return ordered[0::2], ordered[1::2]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def load_casts(path: Path) -> dict[str, list[CastMember]]:
    casts: dict[str, list[CastMember]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            casts[row["movie"].strip()].append(CastMember(row["actor"], row["character"]))
    return dict(casts)


def load_synopses(path: Path) -> dict[str, str]:
    """One synopsis per film: TRIPOD's 'Film_k' rows (k = annotator) share their text."""
    csv.field_size_limit(1 << 28)
    films: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            films.setdefault(re.sub(r"_\d+$", "", row["movie_name"]), row["synopsis_raw"])
    return films


def is_unnamed_role(character: str, words: set[str]) -> bool:
    """'Baltimore Waitress', 'Man in Salton Sea House', 'Deputy #2': a part described,
    not named. The head word (last word before a lowercase word, comma or number) is an
    ordinary English word that the synopsis never capitalises: "Baltimore" may be there,
    "Waitress" as a name is not. "Buffalo Bill" and "Mr. Pink" stay named."""
    head = re.split(r"\s(?:[a-z]|#|\d)|,|/|\(", character.replace("’", "'"))[0]
    parts = _WORD.findall(head)
    if not parts:
        return True
    last = parts[-1]
    return _is_role_noun(last) and last not in words and last.lower() not in TITLES


# Role nouns: a common word ending like an occupation ("Waitress", "Dispatcher") or one of
# these. Common surnames ("Ferguson", "Edwards") are common words too, so frequency alone
# cannot tell them apart; an -er surname ("Miller") is misread as a role, a known cost.
_ROLE_SUFFIXES = ("er", "or", "ess", "ist", "ant", "ent", "man", "woman", "ian", "ee", "ic")
_ROLE_NOUNS = frozenset(
    """guard cop agent victim guy pimp wife husband kid boy girl child poppet thug goon
    nurse clerk maid chef pilot soldier sniper swat pm""".split()
)


def _is_role_noun(word: str) -> bool:
    lower = word.lower()
    if lower in _ROLE_NOUNS:
        return True
    return lower.endswith(_ROLE_SUFFIXES) and is_common_word(word)


def present_cast(synopsis: str, cast: Iterable[CastMember], literal: bool = False) -> list[str]:
    """Cast characters the synopsis names (see the module's definitions).

    `literal` drops the refinements (shared words, unnamed roles): any name word counts.
    """
    words = set(_WORD.findall(fold(synopsis)))
    if literal:
        return list(dict.fromkeys(m.character for m in cast if name_words(m.character) & words))
    cast = [m for m in cast if not is_unnamed_role(m.character, words)]
    credited: dict[str, str] = {}  # name word -> the first-billed character bearing it
    for member in cast:
        for word in name_words(member.character):
            credited.setdefault(word, member.character)
    seen: dict[str, None] = {}
    for member in cast:
        mine = {w for w in name_words(member.character) if credited[w] == member.character}
        if mine & words:
            seen.setdefault(member.character, None)
    return list(seen)


def _character_words(character: Character) -> set[str]:
    return {w for n in character.names for w in name_words(n)}


def match(predicted: list[set[str]], cast: list[set[str]]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of predictions to cast characters sharing a name word.

    Kuhn's augmenting paths; candidates are tried in order of shared words, so that
    'Kat Stratford' prefers the cast's 'Kat Stratford' over 'Bianca Stratford'.
    """
    options = [
        [j for _, j in sorted((-len(p & c), j) for j, c in enumerate(cast) if p & c)]
        for p in predicted
    ]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(predicted)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def is_actor(
    character: Character, cast: list[CastMember], cast_words: set[str], synopsis: str
) -> bool:
    """The prediction names an actor: an actor's full name, or a part of one that the
    synopsis gives as an actor ('Meg Altman (Foster)', or the full name in the text).

    A word merely shared with an actor ("Shaw", the alias a conman poses under, beside
    the actor Robert Shaw) is a coincidence, not an actor predicted.
    """
    names = set(character.names)
    if _character_words(character) & cast_words:
        return False
    for member in cast:
        if _as_themselves(member):
            continue
        if member.actor in names:
            return True
        actor_words = set(member.actor.split())
        for name in names & actor_words:
            if member.actor in synopsis or f"({name})" in synopsis:
                return True
    return False


def _as_themselves(member: CastMember) -> bool:
    """Mike Tyson as "Mike Tyson", Craig Ferguson as "Himself": the actor's name is the
    character's."""
    return member.character in _THEMSELVES or name_words(member.actor) <= name_words(
        member.character
    )


_THEMSELVES = frozenset({"Himself", "Herself", "Themselves"})


def score_film(
    film: str,
    synopsis: str,
    cast: list[CastMember],
    found: list[Character],
    literal: bool = False,
) -> FilmScore:
    present = present_cast(synopsis, cast, literal)
    present_words = [name_words(c) for c in present]
    unscored = [c for c in found if not _character_words(c)]
    found = [c for c in found if _character_words(c)]
    pairs = match([_character_words(c) for c in found], present_words)
    all_cast_words = {w for m in cast for w in name_words(m.character)}
    return FilmScore(
        film=film,
        predicted=[c.name for c in found],
        present=present,
        matched=[(found[i].name, present[j]) for i, j in pairs],
        actors=[c.name for c in found if is_actor(c, cast, all_cast_words, synopsis)],
        unscored=[c.name for c in unscored],
    )


@dataclass
class Evaluation:
    """Both definitions' reports, the development half, and the actor count in bodies."""

    default: Report
    literal: Report
    development: list[str]  # films the rules were developed on (see halves)
    check: list[str]
    actors_in_bodies: int | None = None  # actor names in beat and action lines
    bodies: int = 0  # films whose outlines were counted


def evaluate(
    synopses: dict[str, str],
    casts: dict[str, list[CastMember]],
    find: Callable[[str], list[Character]],
    progress: Callable[[str], None] = lambda _film: None,
) -> Evaluation:
    """Score `find` on every film that has both a synopsis and a cast, both ways."""
    default, literal = Report(), Report()
    films = [film for film in synopses if film in casts]
    for film in films:
        progress(film)
        found = find(synopses[film])
        default.films.append(score_film(film, synopses[film], casts[film], found))
        literal.films.append(score_film(film, synopses[film], casts[film], found, True))
    development, check = halves(films)
    return Evaluation(default, literal, development, check)


def actor_names_in(texts: Iterable[str], cast: list[CastMember]) -> int:
    """How often the cast's actors are named in these texts: a full name ("Sanjay Dutt"),
    or an actor's word standing in parentheses ("(Caan)"). An actor who plays a character
    of their own name (Mike Tyson as himself) does not count."""
    names = {m.actor for m in cast if not _as_themselves(m)}
    words = {w for a in names for w in a.split() if len(w) > 2}
    count = 0
    for text in texts:
        count += sum(text.count(name) for name in names)
        for inside in re.findall(r"\(([^()]*)\)", text):
            parts = [p for p in re.split(r",\s*|\s+and\s+", inside) if p.strip()]
            surnames = bool(parts) and all(set(p.split()) <= words for p in parts)
            count += surnames and not any(name in inside for name in names)
    return count
