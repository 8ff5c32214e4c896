"""Another name for the same person, read from the parse of one sentence.

"Lehnsherr, now known as Magneto", "Marie, now going by the name of Rogue", "Gondorff,
posing as Shaw", "Polk is actually Hickey", "Grell the Pug": the second name is linked to
the first (NameRun.alias_of), so that characters.py gathers them as one person. Someone
named by another ("Dent names himself as Batman", "she calls him Superman") is not
linked: the one named is the verb's object, and a pronoun names no run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from outliner.story.names import NameRun, adjacent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs that give someone another name. With these the one named is the object ("Ram
# introduces Ballu as Shyam"), the passive subject ("Death is introduced as Joe Black") or
# what the participle qualifies ("Lehnsherr, now known as Magneto"); with SELF_NAMING
# verbs it is also the subject ("Gondorff, posing as Shaw", "Hiro becomes Kenji"). The
# small model tags "posing" after a preposition as a noun, hence its form here.
NAMING = frozenset("know call name nickname dub introduce".split())
SELF_NAMING = frozenset("pose posing masquerade pass go become".split())
_REALLY = frozenset("actually really secretly".split())  # "Polk is actually Hickey"


def link_identities(doc: Doc, runs: list[NameRun]) -> list[NameRun]:
    """'Lehnsherr, now known as Magneto', 'Marie, going by the name of Rogue', 'Kent is
    actually Viola': the second name is another name of the first, read from the parse."""
    by_root = {r.root: r for r in runs}
    linked = []
    for run in runs:
        verb = _naming_verb(doc[run.root])
        named = _named(verb, by_root, run.root) if verb is not None else None
        if named is None:
            named = _posing_apposition(doc[run.root], by_root)
        if run.alias_of is None and named is not None and named.end != run.end:
            run = replace(run, alias_of=named.end)
        linked.append(run)
    return linked


def _naming_verb(root: Token) -> Token | None:
    """The verb that gives this name: "known as Y", "by the name of Y", "becomes Y",
    "is actually Y"."""
    if root.dep_ == "attr" and root.head.lemma_ == "become":
        return root.head
    if root.dep_ == "attr" and root.head.lemma_ == "be":
        return root.head if any(c.lower_ in _REALLY for c in root.head.children) else None
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ == "name":
        root = root.head.head  # "by the name of Rogue"
    if root.dep_ == "pobj" and root.head.lower_ in ("as", "by"):
        verb = root.head.head
        is_verb = verb.pos_ == "VERB" or verb.lower_ == "posing"
        return verb if is_verb and verb.lemma_ in NAMING | SELF_NAMING else None
    return None


def _named(verb: Token, by_root: dict[int, NameRun], other: int) -> NameRun | None:
    """The name the naming verb is said of: the name right before its participle ("X,
    now known as Y"), its object, passive subject or (for SELF_NAMING and "be") subject,
    or the name its clause qualifies, looking up through at most two heads ("Mike
    enrolls, posing as Mark Gold"). Anyone else as the subject stops the search."""
    before = verb.doc[verb.left_edge.i - 2] if verb.left_edge.i > 1 else None
    if verb.tag_ in ("VBG", "VBN") and before is not None and before.i in by_root:
        if verb.doc[before.i + 1].text in (",", "—", "-", "--"):
            return by_root[before.i]
    token = verb
    for step in range(3):
        roles = {c.dep_: c for c in token.children if c.i != other}
        if token.lemma_ in NAMING and step == 0:
            wanted = [roles.get("dobj"), roles.get("nsubjpass")]
        else:
            wanted = [roles.get(d) for d in ("nsubjpass", "nsubj", "attr")]
        candidate = next((t for t in wanted if t is not None), None)
        if candidate is not None:
            if candidate.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                candidate = token.head  # "Ballu, who poses as Shyam"
            return by_root.get(candidate.i)
        if token.dep_ in ("acl", "relcl"):
            head = token.head  # "Logan, an amateur fighter known as Wolverine"
            if head.dep_ == "appos" and adjacent(head.head, head):
                head = head.head
            elif head.dep_ == "attr":  # "Judy was the person Scottie knew as Madeleine"
                head = next((c for c in head.head.children if c.dep_ == "nsubj"), head)
            return by_root.get(head.i)
        token = token.head
    return None


def _posing_apposition(root: Token, by_root: dict[int, NameRun]) -> NameRun | None:
    """'Frank the Pug', 'Hooker, posing as Shaw's employee, Kelly': a name in apposition
    that is an epithet ("the" right before it) or follows a naming participle."""
    head = root.head
    if root.dep_ != "appos" or head.i not in by_root or head.i > root.i:
        return None
    if root.i == head.i + 2 and root.doc[head.i + 1].lower_ == "the":
        return by_root[head.i]
    verbs = [c for c in head.children if c.dep_ == "acl" and head.i < c.i < root.i]
    return by_root[head.i] if any(v.lemma_ in NAMING | SELF_NAMING for v in verbs) else None
