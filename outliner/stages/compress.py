"""Beat-line candidates made from the parse: a sentence's clauses, shortened by deletion.

Sentence compression by dependency-tree deletion (Knight & Marcu 2000; Filippova & Strube
2008): every clause of a sentence can be told as a main clause of its own, then pruned of
what a one-line summary does not need. A candidate only deletes words, promotes a clause,
puts verbs in the present and names who acts, so it says nothing its sentence does not:
faithful by construction.

- Clauses: the main clause; a conjoined clause ("... but betrays him"); a relative clause
  ("... where Roshida betrays him", "Ganga, who is a police officer"); a finite or
  participial adverbial clause ("Having a change of heart, ..."). A clause without a
  subject of its own takes the one it shares (the verb it is conjoined to, the noun a
  relative pronoun stands for, the subject of the verb a participle hangs on).
- Always deleted: fronted adverbials and subordinate clauses, relative clauses,
  appositions, parentheses (asides and cast notes), discourse adverbs ("meanwhile").
- Deleted by level, one candidate each: the nouns' modifiers (phrases, participles),
  the verb's extra prepositional phrases, object lists; down to subject, verb, object.
- The verbs are put in the present tense (spaCy gives each verb's lemma and tag;
  lemminflect, a library made for English inflection, gives "escapes", "goes", "has").
- Pronouns become the names they stand for (Outline.mentions, from the resolver in the
  analyse stage); a candidate whose subject stays an unresolved pronoun is marked so that
  it never opens a line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from outliner.stages.events import TURNING_WEIGHT, importance
from outliner.stages.lines import MAX_BEAT_WORDS, lost_its_noun, words
from outliner.story.openings import names_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from outliner.document import Outline

# Pruning levels: the clause as it is, less its subordinates (0); less its nouns' phrases
# and object lists (1); less the verb's phrases but the one it needs (2).
LEVELS = (0, 1, 2)
MIN_WORDS = 3
# A turning event needs no more than who and what: "Harcourt dies.", "Ballu escapes."
MIN_EVENT_WORDS = 2
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Dependents that a clause never keeps in a one-line summary.
_ALWAYS_DROP = frozenset(
    {
        "relcl",
        "advcl",
        "appos",
        "parataxis",
        "mark",
        "punct",
        "dep",
        "intj",
        "meta",
        "npadvmod",
        "cc",
        "conj",
    }
)
# Adverbs that link sentences rather than describe an event.
_DISCOURSE = frozenset(
    """also then later meanwhile hence thus however eventually finally soon again too
    still already instead thereby therefore subsequently afterwards afterward
    nevertheless now just even only ultimately immediately""".split()
)
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_PERSONAL = frozenset({"PRP", "PRP$"})
_REFLEXIVE_SUFFIX = ("self", "selves")
_PLURAL_PRONOUNS = frozenset({"they", "we", "them"})
_FINITE = frozenset({"VBZ", "VBP", "VBD"})


@dataclass(frozen=True)
class Candidate:
    text: str
    sentence: int  # index into Document.sentences
    heads: tuple[int, ...]  # token indices of the verbs it tells (the clause's, joined ones)
    importance: float  # the strongest event the candidate's verbs name
    promoted: bool = False  # a relative, conjoined or adverbial clause told as the main one


class Names:
    """Who a word refers to: character names to their canonical form, pronouns through
    the outline's resolved mentions."""

    def __init__(self, outline: Outline) -> None:
        self.canonical = {n: c.name for c in outline.characters for n in c.names}
        self.mentions = {(m.sentence, m.start): names_text(m.characters) for m in outline.mentions}

    def of_pronoun(self, sentence: int, token: Token) -> str | None:
        """The resolver's answer, and nothing else: a guessed name would put the wrong
        person in a line (without genders, "he" after "Scarlet ..." reads as Scarlet);
        an unresolved pronoun only keeps its clause from opening a line."""
        return self.mentions.get((sentence, token.idx))

    def of_name(self, text: str) -> str | None:
        return self.canonical.get(text)


def _subject_child(head: Token) -> Token | None:
    return next((c for c in head.children if c.dep_ in _SUBJECT), None)


def subject_of(head: Token) -> Token | None:
    """The clause's subject: its own, or the one it shares."""
    own = _subject_child(head)
    if own is not None:
        if own.lower_ in _RELATIVE and head.dep_ == "relcl":
            antecedent = _antecedent(head)  # "Ganga, who is a police officer": Ganga
            if antecedent.dep_ == "attr":  # "Ballu is a gangster who is arrested": Ballu
                return _subject_child(antecedent.head)
            if any(c.lower_ in ("a", "an") for c in antecedent.children):
                return None  # "portrays Ram as an officer who has neglected his duty": a kind
            return antecedent
        if own.i > head.i:
            return None  # an inverted clause is most often a misparse: not told
        return own
    if head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head)
    if head.dep_ == "xcomp" and not any(c.dep_ == "dobj" for c in head.head.children):
        return subject_of(head.head)  # "promises to help": the one who promises helps
    main = head.head.dep_ in ("ROOT", "conj") and head.head.pos_ in ("VERB", "AUX")
    if head.dep_ == "advcl" and head.tag_ == "VBG" and main:
        return subject_of(head.head)  # "Having a change of heart, Ballu ...": Ballu
    return None


def _antecedent(relative: Token) -> Token:
    """The noun a relative clause is about. The parser hangs it on the nearest noun; a
    singular verb after a plural "of" noun means the noun before "of": "a mother of three
    children, who has been injured" is about the mother."""
    noun = relative.head
    finite = _finite_form(relative)
    singular = finite.tag_ == "VBZ" or finite.lower_ == "was"
    of = noun.head
    if singular and noun.tag_ in ("NNS", "NNPS") and of.dep_ == "prep" and of.lower_ == "of":
        return of.head
    return noun


def clause_heads(doc: Doc) -> list[Token]:
    """Verbs that head a clause which can be told on its own, main clause first: a
    clause the sentence asserts happened, never one it only reports, supposes or aims at."""
    heads: list[Token] = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if token.dep_ == "ROOT":
            heads.insert(0, token)
        elif not _asserted(token):
            continue
        elif token.dep_ in ("conj", "relcl") and _finite(token):
            heads.append(token)
        elif token.dep_ == "advcl" and (_finite(token) or token.tag_ == "VBG"):
            heads.append(token)
        elif token.dep_ == "ccomp" and (_finite(token) or _past_read_as_participle(token)):
            if not _named_discoverer(token.head):
                heads.append(token)  # what a reveal reveals: "it is revealed that Kat ..."
    return heads


# Verbs whose complement clause the sentence asserts as true: what is revealed, found,
# learned is so ("McMurphy finds that Bromden is neither deaf nor mute"); what is said,
# believed or hoped may not be. Which verbs are factive is lexical knowledge the parse does
# not give (it labels every complement ccomp), so it is a list, read by lemma.
FACTIVE = frozenset(
    """admit confess confirm discover find learn notice prove realise realize reveal see
    show""".split()
)
# Conjunctions that open a clause the sentence does not assert: a condition ("if he
# finds her"), a purpose ("so that John can infiltrate"), a manner ("as if he owns it").
_UNASSERTED_MARKS = frozenset({"if", "unless", "whether", "lest", "so"})


def _asserted(verb: Token) -> bool:
    """Whether the sentence tells the clause as having happened. Not: a noun's content
    ("a rumor that McMurphy escaped": the relative clause opened by "that" as a
    complementizer), a condition or purpose, a clause with a modal ("who could help
    him"), a reported or wanted clause (a verb's complement), and what is joined to one."""
    finite = _finite(verb)
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        if _modal(verb.head) and _subject_child(verb) is None:
            return False  # "Romeo will be told ..., sneak into the vault": will sneak
        verb = verb.head
    while finite and verb.dep_ == "xcomp" and not _finite(verb):
        # "promises to help Ballu escape but betrays him": the parser joins "betrays"
        # to "help"; a finite verb is joined to the finite one above
        verb = verb.head
    if verb.dep_ == "ROOT":
        return True
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in FACTIVE:
        return _asserted(verb.head)
    if (
        verb.dep_ == "ccomp"
        and not _modal(verb)
        and (verb.head.pos_ not in ("VERB", "AUX") or any(c.tag_ == "WRB" for c in verb.children))
    ):
        # A misparse, not a report: "escapes when the T-rex appears" read as the noun
        # "escapes" holding a clause "when ... appears". A when-clause happens.
        return True
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.lemma_.lower() in FACTIVE:
        return _asserted(verb.head.head)  # "is horrified to see", "is delighted to find"
    if verb.dep_ in ("ccomp", "xcomp", "csubj", "pcomp", "acl"):
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if verb.dep_ == "relcl" and "that" in marks:
        return False
    if marks & _UNASSERTED_MARKS:
        return False
    # A relative or adverbial clause is told as fact whatever holds its noun or verb
    # ("wants to go to the base where Roshida lives"), unless a modal makes it a maybe.
    return not _modal(verb)


def _modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _named_discoverer(verb: Token) -> bool:
    """Whether a named character learns or tells it ("Nick discovers that ..."): then
    who learns is part of the event, and the whole clause tells it. An impersonal reveal
    ("it is revealed that", "a flashback reveals") or a pronoun the resolver may not have
    placed ("he learns that") lets what is revealed stand alone."""
    subject = _learner(verb)
    return subject is not None and subject.pos_ == "PROPN"


def _learner_known(head: Token, sentence: int, names: Names) -> bool:
    """A revealed clause whose learner is a pronoun the resolver placed ("he finds out
    that ..." with he = Ballu): the whole clause tells who learns it, as for a name."""
    if head.dep_ != "ccomp":
        return False
    learner = _learner(head.head)
    return learner is not None and names.of_pronoun(sentence, learner) is not None


def _learner(verb: Token) -> Token | None:
    """Who learns or reveals what a verb's complement says: its subject, or the subject
    of the adjective it hangs on ("Ram is delighted to find that ...": Ram)."""
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":
        verb = verb.head.head
    return subject_of(verb)


def _past_read_as_participle(verb: Token) -> bool:
    """A participle with a subject of its own and no auxiliary: the tagger's VBN for a
    past tense ("that Kat previously dated Joey")."""
    auxiliary = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.tag_ == "VBN" and not auxiliary and _subject_child(verb) is not None


def _finite(verb: Token) -> bool:
    if verb.tag_ in _FINITE:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in (*_FINITE, "MD") for c in verb.children)


def parenthesised(doc: Doc) -> set[int]:
    """Tokens inside parentheses: asides and cast notes ("Ballu (Sanjay Dutt)")."""
    inside: set[int] = set()
    depth = 0
    for token in doc:
        if token.text == "(":
            depth += 1
        if depth:
            inside.add(token.i)
        if token.text == ")" and depth:
            depth -= 1
    return inside


def _drop(child: Token, head: Token, level: int, keep_conj: bool) -> bool:
    """Whether a dependent goes from a clause pruned at `level`."""
    dep = child.dep_
    verb = head.pos_ in ("VERB", "AUX")
    noun = head.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
    if dep == "conj" or dep == "cc":
        if verb:
            # Another clause, joined by _predicate when asked; but a verb whose object is
            # its conjunct's keeps the conjunct ("to find and kill Hooker", "seen
            # following and observing Hooker"), or the line is cut mid-phrase.
            return not _shares_its_object(head)
        # Object lists: "him and his mother" -> "him"; a subject stays whole.
        # "neither deaf nor mute" stays whole: without "nor mute" it says the opposite.
        paired = any(c.dep_ == "preconj" for c in head.children)
        return (
            level >= 1 and not keep_conj and not paired and head.dep_ in ("dobj", "pobj", "dative")
        )
    if dep == "punct":
        return child.tag_ != "HYPH"  # "good-hearted" keeps its hyphen
    if dep == "mark":
        return head.dep_ not in ("ccomp", "acl")  # "realises that ...", "a rumor that ..."
    if dep == "preconj":  # "neither deaf nor mute" stays; "not only loses" goes
        return child.lower_ not in ("neither", "either", "both")
    if dep in _ALWAYS_DROP:
        return True
    if noun and child.i > head.i and _after_comma(child):
        return True  # an aside set off by a comma: "Ganga, afraid that ..., stops"
    if dep == "advmod" and verb:
        if child.lower_ in ("not", "never", "n't"):
            return False
        if child.tag_ == "WRB" or child.lower_ in _DISCOURSE:
            return True
        return child.i < head.i  # "secretly goes" -> "goes"; "runs away" stays
    if dep == "prep" and verb and child.i < head.i:
        return True  # fronted: "In the ensuing conflict, ..."
    if noun and _complement(child, head):
        return False  # "takes the opportunity to arrange ...", "The effects of the alcohol"
    if noun and dep in ("acl", "prep") and level >= 1:
        return True  # "an attempt to restore ...", "the capture of ..."
    if verb and dep == "prep" and level >= 2:
        return not _first_argument(child, head)  # "escapes from jail" keeps "from jail"
    if dep == "acl" and level >= 1:
        return True
    return False


def _shares_its_object(verb: Token) -> bool:
    """A verb with nothing after it but "and" and a conjoined verb: "find and kill
    Hooker" (the object is the conjunct's, and the first verb's too)."""
    right = [c for c in verb.children if c.i > verb.i and c.dep_ != "punct"]
    conjs = [c for c in right if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return (
        bool(conjs)
        and all(c.dep_ in ("cc", "conj") for c in right)
        and not any(_subject_child(c) is not None for c in conjs)
    )


def _complement(child: Token, noun: Token) -> bool:
    """A noun's complement, without which the noun says nothing: an infinitive after
    a noun ("the opportunity to arrange", "the power to keep him"), or the "of" phrase
    of a subject ("The effects of the alcohol take their toll")."""
    if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
        return True
    return child.dep_ == "prep" and child.lower_ == "of" and noun.dep_ in ("nsubj", "nsubjpass")


def _after_comma(child: Token) -> bool:
    left = child.left_edge.i
    return left > 0 and child.doc[left - 1].text == ","


def _first_argument(prep: Token, verb: Token) -> bool:
    """The first prepositional phrase after a verb without an object, or after a copula
    whatever follows it: its argument ("escapes from jail", "falls in love", "is in
    tatters", "is second on the list")."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    first = bool(preps) and preps[0].i == prep.i
    objects = ("dobj", "attr", "acomp", "oprd", "ccomp")
    if verb.lemma_ != "be" and any(c.dep_ in objects for c in verb.children):
        return False
    return first


def _kept(token: Token, level: int, skip: set[int], keep_conj: bool) -> set[int]:
    out = {token.i}
    for child in token.children:
        if child.i in skip or _drop(child, token, level, keep_conj):
            continue
        out |= _kept(child, level, skip, keep_conj=False)
    return out


def _predicate(head: Token, level: int, skip: set[int], joined: bool) -> set[int]:
    """The clause's verb and what it keeps, without its subject."""
    out = {head.i}
    for child in head.children:
        if child.i in skip or child.dep_ in _SUBJECT:
            continue
        if child.dep_ == "mark" and head.dep_ == "ccomp":
            continue  # a revealed clause told on its own: no "that"
        if joined and (child.dep_ == "cc" or _verb_conj(child)):
            # "Ram kills Roshida and Ballu escapes", "surrenders and swears that ..."
            out |= {child.i} if child.dep_ == "cc" else _kept(child, level, skip, False)
            continue
        if _drop(child, head, level, keep_conj=False):
            continue
        out |= _kept(child, level, skip, keep_conj=False)
    return out


def _verb_conj(token: Token) -> bool:
    return token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")


def _noun_phrase(token: Token, level: int, skip: set[int]) -> set[int]:
    """A subject noun phrase, pruned like the clause (its relative clause and apposition
    go); a conjoined subject stays whole ("Raghu and Malti")."""
    return _kept(token, level, skip, keep_conj=True)


def candidates(
    outline: Outline, sentence: int, names: Names, max_words: int = MAX_BEAT_WORDS
) -> list[Candidate]:
    """Every distinct candidate line from one sentence: each clause at each level, alone
    and (for a clause with conjoined verbs sharing its subject) joined with them."""
    doc = outline.document.doc(sentence)
    if any(t.text == "/" for t in doc):
        return []  # "Ballu's mother / Ballu then tell Ram / Ganga": no clause to tell
    skip = parenthesised(doc)
    out: dict[str, Candidate] = {}
    for head in clause_heads(doc):
        subject = subject_of(head)
        if subject is None or subject.i in skip or _learner_known(head, sentence, names):
            continue
        # Joined with its conjoined verbs only through "and"/"but" of its own: a list
        # ("told of the plot, sneak into the vault, and ...") would lose its commas.
        joinable = any(_verb_conj(c) for c in head.children) and any(
            c.dep_ == "cc" for c in head.children
        )
        for joined in (False, True) if joinable else (False,):
            for level in LEVELS:
                text = realise(doc, sentence, head, subject, level, skip, joined, names)
                if text is None or text in out:
                    continue
                count = len(words(text))
                verbs = [head] + [c for c in head.children if joined and _verb_conj(c)]
                if head.dep_ == "ccomp":
                    verbs.append(head.head)  # the line tells the reveal itself
                weight = max(importance(v) for v in verbs)
                least = MIN_EVENT_WORDS if importance(head) >= TURNING_WEIGHT else MIN_WORDS
                if least <= count <= max_words:
                    out[text] = Candidate(
                        text,
                        sentence,
                        tuple(v.i for v in verbs),
                        weight,
                        promoted=head.dep_ != "ROOT",
                    )
    return list(out.values())


def realise(
    doc: Doc,
    sentence: int,
    head: Token,
    subject: Token,
    level: int,
    skip: set[int],
    joined: bool,
    names: Names,
    must: bool = False,
) -> str | None:
    """The clause as a present-tense line naming who acts, or None when it cannot be one
    (its subject is a pronoun nobody resolved). With `must`, the line says what the
    subject must do ("Ganga must go undercover"), for a logline's goal."""
    subject_tokens = _noun_phrase(subject, level, skip)
    predicate = _predicate(head, level, skip | subject_tokens, joined)
    if subject.head.i == head.i and (subject.i > head.i or min(predicate) < min(subject_tokens)):
        return None  # the verb or its words before its own subject: most often a misparse
    plural = _plural(subject)
    if _disagrees(head, subject, plural):
        return None
    named: set[str] = set()
    subject_text = _phrase(doc, sorted(subject_tokens), sentence, names, named, subject=True)
    if subject_text is None:
        return None
    renamed = subject.tag_ in _PERSONAL and subject_text != subject.text
    if renamed:
        # The verb agrees with the names: "they leave" -> "Ballu leaves" when the resolver
        # says one character, "Raghu and Malti leave" when it says several.
        plural = " and " in subject_text
    if head.tag_ == "VBG" and not _is_verb(head):
        return None  # an adjective the tagger took for a participle: no clause
    if _misparsed(head, subject_tokens, doc):
        return None
    if lost_its_noun(doc[max(predicate)]):
        return None  # its noun went as an apposition
    forms = _present(doc, head, plural, joined, must, renamed)
    parts = []
    for i in sorted(predicate):
        token = doc[i]
        text = forms.get(i, token.text)
        if token.tag_ in _PERSONAL and not token.lower_.endswith(_REFLEXIVE_SUFFIX):
            text = _pronoun(token, sentence, names, named) or text
        parts.append((i, text, token.whitespace_))
    body = _join(parts)
    line = f"{subject_text} {body}".strip()
    line = line.replace(" ,", ",").replace(" 's", "'s").replace(" n't", "n't")
    line = line.strip(" ,;:-—–").rstrip(".!?").strip(" ,;:-")
    if not line:
        return None
    return line[0].upper() + line[1:] + "."


def _join(parts: list[tuple[int, str, str]]) -> str:
    out = []
    for n, (i, text, space) in enumerate(parts):
        out.append(text)
        if n + 1 < len(parts):
            out.append(space if parts[n + 1][0] == i + 1 else " ")
    return "".join(out).replace("  ", " ")


def _phrase(
    doc: Doc, indices: list[int], sentence: int, names: Names, named: set[str], subject: bool
) -> str | None:
    """A noun phrase's text with its name made canonical and a pronoun resolved."""
    tokens = [doc[i] for i in indices]
    proper = [t for t in tokens if t.pos_ == "PROPN" or t.tag_ == "NNP"]
    if len(tokens) == 1 and tokens[0].tag_ in _PERSONAL:
        name = _pronoun(tokens[0], sentence, names, named)
        if name is None and subject:
            return None  # never a line opening with an unresolved pronoun
        return name or tokens[0].text
    if proper and len(proper) == len([t for t in tokens if t.dep_ != "case"]):
        # "Police Inspector Ram Kumar Sinha" -> "Ram": the canonical name, said once.
        full = " ".join(t.text for t in proper)
        canonical = names.of_name(full) or next(
            (names.of_name(t.text) for t in proper if names.of_name(t.text)), None
        )
        if canonical is not None:
            named.add(canonical)
            possessive = any(t.dep_ == "case" for t in tokens)
            return canonical + ("'s" if possessive else "")
    parts = []
    for t in tokens:
        text = t.text
        if t.tag_ in _PERSONAL and not t.lower_.endswith(_REFLEXIVE_SUFFIX):
            text = _pronoun(t, sentence, names, named) or text
        elif t.pos_ == "PROPN" and names.of_name(t.text):
            named.add(names.of_name(t.text) or t.text)
        parts.append((t.i, text, t.whitespace_))
    return _join(parts)


def _pronoun(token: Token, sentence: int, names: Names, named: set[str]) -> str | None:
    """The name a personal pronoun stands for, the first time that character comes up in
    the line ("Ganga stops the police from shooting Ballu"); later ones stay pronouns."""
    name = names.of_pronoun(sentence, token)
    if name is None or name in named:
        return None
    named.add(name)
    return name + "'s" if token.tag_ == "PRP$" else name


def _plural(subject: Token) -> bool:
    if subject.lower_ in _PLURAL_PRONOUNS:
        return True
    if any(c.dep_ == "conj" for c in subject.children):
        return True  # "Raghu and Malti fall in love"
    return subject.tag_ in ("NNS", "NNPS")


def _present(
    doc: Doc, head: Token, plural: bool, joined: bool, must: bool = False, renamed: bool = False
) -> dict[int, str]:
    """New forms for the clause's finite verbs, in the present tense, agreeing with its
    subject: "escaped" -> "escapes", "was arrested" -> "is arrested", "had killed" ->
    "has killed", and a promoted participle "allowing" -> "allows". With `must`: "must"
    and the base form ("must go", "must be arrested")."""
    verbs = [head]
    if joined:
        verbs += [c for c in head.children if _verb_conj(c)]
    forms: dict[int, str] = {}
    for verb in verbs:
        if verb is not head and _subject_child(verb) is not None:
            plural_here = _plural_of(verb)  # "... and Ballu escapes": its own subject
        else:
            plural_here = plural
        finite = _finite_form(verb)
        if must:
            if finite.tag_ == "MD":
                return {}  # "would go" has no "must" form: left as it is
            base = "be" if finite.lemma_ == "be" else finite.lemma_.lower()
            forms[finite.i] = f"must {base}" if verb is head else base
            continue
        renumber = renamed and finite.tag_ == "VBP"
        if finite.tag_ == "VBD" and verb.dep_ == "ccomp" and verb.head.tag_ != "VBD":
            continue  # told as past by a present verb ("is revealed that Kat dated Joey")
        if (
            finite.tag_ == "VBD"
            or renumber
            or (finite is verb and verb.tag_ == "VBG" and _is_verb(verb))
        ):
            forms[finite.i] = inflect(finite.lemma_, finite.lower_, plural_here)
        elif finite.tag_ in ("VBZ", "VBP") and finite.lemma_ == "be" and verb.dep_ == "relcl":
            forms[finite.i] = "are" if plural_here else "is"
        backshifted = finite.tag_ == "VBD"
        for child in verb.children:
            if child.dep_ == "ccomp" and backshifted:
                forms.update(_present(doc, child, _plural_of(child), joined=False))
    return forms


def _disagrees(head: Token, subject: Token, plural: bool) -> bool:
    """A singular noun subject with a plural verb ("his mother are left"): the parse lost
    part of the subject ("Raghu and his mother"), so the clause cannot be told alone."""
    finite = _finite_form(head)
    return finite.tag_ == "VBP" and not plural and subject.pos_ in ("NOUN", "PROPN")


def _misparsed(head: Token, subject_tokens: set[int], doc: Doc) -> bool:
    """A parse no line can be told from: a sentence whose root is a bare participle with
    a subject ("Snyder confronts Hooker, revealing ...", read as "[Snyder confronts]
    Hooker revealing ..."), or a finite verb inside the subject's phrase."""
    bare = head.dep_ == "ROOT" and head.tag_ == "VBG"
    if bare and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return True
    return any(doc[i].pos_ == "VERB" and doc[i].tag_ in _FINITE for i in subject_tokens)


def _is_verb(token: Token) -> bool:
    """Whether English has a verb this -ing form comes from: the tagger calls the adjective
    "unyielding" a participle, which would make "unyieldes"."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(token.lower_, upos="VERB"))


def _finite_form(verb: Token) -> Token:
    """The word that carries a verb's tense: its first auxiliary ("was arrested", "had
    killed"; never the infinitive's "to"), else the verb itself."""
    auxes = [
        c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.tag_ != "TO"
    ]
    return auxes[0] if auxes else verb


def _plural_of(verb: Token) -> bool:
    subject = _subject_child(verb)
    return subject is not None and _plural(subject)


def inflect(lemma: str, word: str, plural: bool) -> str:
    """The present-tense form of a verb for a third-person subject."""
    lemma = lemma.lower()
    if lemma == "be":
        return "are" if plural else "is"
    if plural:
        return lemma
    from lemminflect import getInflection

    forms = getInflection(lemma, tag="VBZ")
    return forms[0] if forms else word
