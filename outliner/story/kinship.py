"""What a synopsis says about its characters besides their names: roles and relations.

"Inspector Mathur", "Ballu is a gangster", "a young woman named Malti" give roles (the
inspector, the gangster, the woman); "his wife Malati", "Vada's father, Harry" give
relations (Raju's wife is Malati; Vada's father is Harry, and Harry's daughter is Vada).
The pronoun resolver learns them as it reads, from the parse (the nouns spaCy puts in
apposition, compound, predicate or "named" beside a name), and uses them for
descriptions: "his wife", "Raju's wife", "the inspector". Gendered nouns and titles
("wife", "Mrs.") are also the surest evidence of a character's gender.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from outliner.story.referring import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    PERSON_NOUNS,
    Expression,
    Referent,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Knowledge:
    """Roles and relations learned so far, and the genders the nouns give."""

    roles: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # (owner, noun) -> who the text named as that: ("Raju", "wife") -> ["Malati"]
    relations: defaultdict[tuple[str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    nouns: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @classmethod
    def of(cls, roles: Iterable[tuple[str, str]]) -> Knowledge:
        """Start from the roles the character finder gave: (role, character)."""
        known = cls()
        for role, name in roles:
            known.roles[role.lower().rstrip(".")].add(name)
        return known

    def holders(self, noun: str) -> set[str]:
        """The characters the text called this: "inspector" -> {"Mathur"}."""
        return self.roles.get(noun, set())

    def related(self, owner: str, noun: str) -> list[str]:
        """Who the text named as the owner's relation: ("Raju", "wife") -> ["Malati"]."""
        return self.relations.get((owner, noun), [])

    def learn(
        self,
        doc: Doc,
        found: list[Expression],
        referents: dict[int, Referent],
        genders: dict[str, str],
    ) -> None:
        """What a sentence says about its characters (see the module's docstring)."""
        for expression in found:
            if expression.kind == "name" and expression.character is not None:
                self._learn_name(doc[expression.head], expression.character, referents, genders)

    def _learn_name(
        self, head: Token, name: str, referents: dict[int, Referent], genders: dict[str, str]
    ) -> None:
        for noun in _nouns_for(head):
            lemma = _title(noun) if noun.pos_ == "PROPN" else noun.lemma_.lower()
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            holder = referents.get(owner.i) if owner is not None else None
            if holder is not None and name in holder.characters:
                continue  # "Ballu's mother / Ballu": a misparse, no one is their own mother
            self.roles[lemma].add(name)
            if lemma in FEMALE_NOUNS:
                self.nouns[name]["female"] += 1
            elif lemma in MALE_NOUNS:
                self.nouns[name]["male"] += 1
            if holder is not None and len(holder.characters) == 1:
                owner_name = holder.characters[0]
                self._relate(owner_name, lemma, name)
                inverse = _inverse(lemma, genders.get(owner_name))
                if inverse is not None:  # "his wife Anna": Anna's husband is he
                    self._relate(name, inverse, owner_name)

    def _relate(self, owner: str, noun: str, name: str) -> None:
        if name not in self.relations[(owner, noun)]:
            self.relations[(owner, noun)].append(name)


# Kinship both ways: X is Y's wife, so Y is X's husband (or wife), by Y's gender.
_KIN = {
    "wife": "spouse",
    "husband": "spouse",
    "girlfriend": "partner",
    "boyfriend": "partner",
    "fiancee": "betrothed",
    "fiance": "betrothed",
    "mother": "child",
    "father": "child",
    "mom": "child",
    "dad": "child",
    "son": "parent",
    "daughter": "parent",
    "brother": "sibling",
    "sister": "sibling",
}
_KIN_BY_GENDER = {
    "spouse": ("husband", "wife"),
    "partner": ("boyfriend", "girlfriend"),
    "betrothed": ("fiance", "fiancee"),
    "child": ("son", "daughter"),
    "parent": ("father", "mother"),
    "sibling": ("brother", "sister"),
}


def _inverse(noun: str, owner_gender: str | None) -> str | None:
    """What the owner is to the one named: "wife" of a man -> "husband"."""
    kind = _KIN.get(noun)
    if kind is None or owner_gender is None:
        return None
    male, female = _KIN_BY_GENDER[kind]
    return male if owner_gender == "male" else female


def _nouns_for(head: Token) -> list[Token]:
    """Nouns the parse puts beside a name: its title or apposition ("Inspector Ram",
    "Lisa, Diane's rival"), the noun it is in apposition to ("his wife Malati"), the
    noun it names ("a woman named Malti") or its predicate ("Ballu is a gangster")."""
    nouns = [c for c in head.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        nouns.append(head.head)
    if head.dep_ == "oprd" and head.head.dep_ == "acl" and head.head.head.pos_ == "NOUN":
        nouns.append(head.head.head)  # "a young woman named Malti"
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
        nouns += [c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    # Titles and ranks, which spaCy tags as proper nouns: "Inspector Mathur", "Mrs. Hall".
    titles = [
        t
        for t in head.lefts
        if t.dep_ == "compound" and t.pos_ == "PROPN" and _title(t) in PERSON_NOUNS | _TITLES
    ]
    return [n for n in nouns if n.lemma_.lower() in PERSON_NOUNS] + titles


def _title(token: Token) -> str:
    return token.lower_.rstrip(".")


# Titles before a name, which spaCy tags as proper nouns: they give the gender.
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "sir", "lady", "lord", "king", "queen"})
