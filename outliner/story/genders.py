"""Each character's gender, learned from the pronouns used near their name and from nouns.

No parser knows that Ganga is a woman; the synopsis says so, with "she" and "her" near
her name, and now and then with a noun ("his wife Malati", "Mrs. Hall"). Four kinds of
evidence, surest first:

- nouns and titles beside the name (outliner.story.kinship): they decide, unless they
  disagree;
- a subject he/she with exactly one person in sight, a character (`nearby_votes`);
- the first name, where the US census of 1990 finds it given almost only to one sex
  ("Irene", "Gavin"; `name_votes`): as much as three such pronouns, so that a story's
  own pronouns outvote it ("Thao" is too rare a name there to count at all);
- every other he/she, read gender-blind with its candidates scored by the resolver:
  hard expectation-maximisation gives each pronoun to its likeliest candidate (given
  the scores and the genders believed so far) when that one is clearly ahead, then
  re-estimates the genders from what each got (`learn_genders`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from outliner.story.referring import Expression, Referent, expressions, is_subject, story_parts

if TYPE_CHECKING:
    from outliner.document import Document, Sentence

GENDER_SHARE = 0.8  # a gender holds when it has this share of the votes (prior included)
EM_ROUNDS = 20
PRIOR = 1.0  # pseudo-votes for each gender
MIN_EVIDENCE = 2.0  # votes a character needs before it has a gender
CLEAR = 2.0  # a pronoun votes when its likeliest referent scores this many times the next
# A gender-blind reading of he/she: its gender, and its candidates with their scores.
Observation = tuple[str, list[tuple[Referent, float]]]
NAME_VOTES = 3  # what a first name of one sex counts, in pronouns (enough alone)
NAME_SHARE = 0.95  # of the people the census found with the name, this share is one sex
NAME_FREQUENCY = 0.004  # and the name is this common (percent of that sex): not "Thao"
# Words before a first name that are no first name: "Mr. Bixler", "Dr. Beth Garner".
_TITLES = frozenset(
    """mr mrs ms miss mister dr doctor sgt sergeant capt captain lt lieutenant col colonel
    gen general maj major prof professor rev reverend det detective officer agent judge
    father mother sister brother aunt uncle sir lady lord king queen prince princess
    inspector commissioner mayor ambassador chief the""".split()
)


def nearby_votes(document: Document, names: list[tuple[str, str]]) -> dict[str, Counter[str]]:
    """Sure gender votes: a subject he/she with exactly one person in sight, a character
    ("Will is exhilarated, before remembering that he is expected"). In sight are the
    people named or meant before it in its sentence or, when there are none, in the
    sentence before; people without a name ("Ballu's mother") and other pronouns count."""
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for part in story_parts(document):
        previous: set[str] = set()
        for sentence in part:
            doc = document.doc(sentence)
            seen: set[str] = set()
            for expression in expressions(doc, names):
                token = doc[expression.head]
                if expression.kind == "name" and expression.character:
                    seen.add(expression.character)
                    continue
                if expression.kind == "pronoun" and expression.gender and is_subject(token):
                    sight = seen or previous
                    if len(sight) == 1 and not next(iter(sight)).startswith("~"):
                        votes[next(iter(sight))][expression.gender] += 1
                if expression.kind in ("pronoun", "description", "group"):
                    seen.add(f"~{expression.text}@{expression.head}")  # someone, in sight
            previous = seen
    return votes


@lru_cache(maxsize=1)
def census_names() -> dict[str, tuple[float, float]]:
    """First name (lower case) -> (percent of men, percent of women) who bear it, from the
    US census of 1990 as the `names` package ships it."""
    import names

    shares: dict[str, list[float]] = {}
    for column, key in enumerate(("first:male", "first:female")):
        for line in Path(names.FILES[key]).read_text(encoding="ascii").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                shares.setdefault(fields[0].lower(), [0.0, 0.0])[column] = float(fields[1])
    return {name: (male, female) for name, (male, female) in shares.items()}


def name_gender(forms: Iterable[str]) -> str | None:
    """The sex a character's first name tells, if clearly one: the first word (past any
    title) of the longest of its names ("Irene Adler" -> Irene -> female)."""
    words = max((f.replace(".", " ").split() for f in forms), key=len, default=[])
    words = [w for w in words if w.lower() not in _TITLES]
    if not words:
        return None
    male, female = census_names().get(words[0].lower().strip("\"'"), (0.0, 0.0))
    if max(male, female) < NAME_FREQUENCY:
        return None
    if male >= NAME_SHARE * (male + female):
        return "male"
    if female >= NAME_SHARE * (male + female):
        return "female"
    return None


def name_votes(characters: Iterable[tuple[str, Iterable[str]]]) -> dict[str, Counter[str]]:
    """Gender votes from first names: (character, its names) -> NAME_VOTES for the sex."""
    votes: dict[str, Counter[str]] = {}
    for name, forms in characters:
        gender = name_gender((name, *forms))
        if gender is not None:
            votes[name] = Counter({gender: NAME_VOTES})
    return votes


def learn_genders(
    nouns: dict[str, Counter[str]],
    votes: dict[str, Counter[str]],
    observations: Sequence[Observation] = (),
) -> dict[str, str]:
    """Each character's gender, where the evidence is one-sided enough.

    A noun decides ("his wife Malati", "Mrs. Robinson"), unless nouns disagree. Otherwise
    `votes` (pronouns with one person in sight) and `observations` (he/she pronouns with
    their gender-blind candidates) do, by hard expectation-maximisation: each pronoun goes
    to the candidate most likely to be meant, given its score and how likely each is of
    the pronoun's gender; the genders are re-estimated from what each got, and so on.
    Over a story, the character most often in view of "she" is the woman.
    """
    names = set(nouns) | set(votes)
    names |= {r.characters[0] for _, c in observations for r, _ in c if r.characters}
    fixed = {n: next(iter(c)) for n, c in nouns.items() if len(+c) == 1}
    counts = {n: Counter(votes.get(n, Counter())) for n in names}
    male = _male_odds(counts, fixed)
    for _round in range(EM_ROUNDS):
        counts = {n: Counter(votes.get(n, Counter())) for n in names}
        for gender, candidates in observations:
            ranked = sorted(
                ((s * _likelihood(r, gender, male), r.key, r) for r, s in candidates),
                key=lambda x: (-x[0], x[1]),
            )
            weight, _key, referent = ranked[0]
            second = ranked[1][0] if len(ranked) > 1 else 0.0
            # Only a pronoun whose likeliest referent is clearly ahead votes.
            if referent.characters and weight > 0 and weight >= CLEAR * second:
                counts[referent.characters[0]][gender] += 1
        male = _male_odds(counts, fixed)
    out = dict(fixed)
    for name in set(names) - set(fixed):
        if sum(counts[name].values()) < MIN_EVIDENCE:
            continue
        if male[name] >= GENDER_SHARE:
            out[name] = "male"
        elif 1 - male[name] >= GENDER_SHARE:
            out[name] = "female"
    return out


def _male_odds(counts: dict[str, Counter[str]], fixed: dict[str, str]) -> dict[str, float]:
    return {
        n: float(fixed[n] == "male")
        if n in fixed
        else min(0.98, max(0.02, (c["male"] + PRIOR) / (sum(c.values()) + 2 * PRIOR)))
        for n, c in counts.items()
    }


def _likelihood(referent: Referent, gender: str, male: dict[str, float]) -> float:
    if referent.characters:
        p = male.get(referent.characters[0], 0.5)
    else:
        p = {"male": 1.0, "female": 0.0}.get(referent.gender or "", 0.5)
    return p if gender == "male" else 1 - p


def merge(*tallies: dict[str, Counter[str]]) -> dict[str, Counter[str]]:
    merged: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for tally in tallies:
        for name, counts in tally.items():
            merged[name].update(counts)
    return merged


def resolved_votes(
    results: Iterable[tuple[Sentence, Expression, Referent | None]],
) -> dict[str, Counter[str]]:
    """Gender votes from the he/she pronouns a reading resolved to one character."""
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for _, expression, referent in results:
        if expression.kind == "pronoun" and referent and len(referent.characters) == 1:
            if expression.gender is not None:
                votes[referent.characters[0]][expression.gender] += 1
    return votes
