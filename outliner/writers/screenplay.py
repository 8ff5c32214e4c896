"""Screenplay conventions every writer shares, whatever the file format."""

from __future__ import annotations

import re

from outliner.document import Beat, Outline

# What a structure beat shows when no beat of the synopsis supports it: left empty on
# purpose, never filled with invented story.
EMPTY_PART = "Empty: nothing in the synopsis supports this beat."


def action_texts(outline: Outline) -> dict[int, str]:
    """The action lines every writer shows in place of the sentence texts: a beat's first
    line opens with a name, not a pronoun (`named_openings`), and each character's name
    is in capitals where they first appear (`first_appearances`).

    Returns only the sentences that changed, keyed by sentence index.
    """
    return first_appearances(outline, named_openings(outline))


def named_openings(outline: Outline) -> dict[int, str]:
    """The first action line of each beat with its opening pronoun replaced by the
    name(s) the resolver found for it: "He becomes enraged" -> "Ballu becomes enraged".
    A beat reads on its own; its first line cannot lean on the beat before it."""
    from outliner.story.pronouns import name_opening

    changed: dict[int, str] = {}
    for beat in outline.beats:
        if not beat.sentences:
            continue
        index = beat.sentences[0]
        text = name_opening(outline, index)
        if text != outline.sentence(index).text:
            changed[index] = text
    return changed


def first_appearances(outline: Outline, texts: dict[int, str] | None = None) -> dict[int, str]:
    """Sentence texts (or the given `texts` in their place) with each character's name in
    capitals where they first appear.

    Returns only the sentences that changed (from the sentence text), keyed by index.
    """
    texts = texts or {}
    owner = {name: c.name for c in outline.characters for name in c.names}
    if not owner:
        return dict(texts)
    names = sorted(owner, key=lambda n: (-len(n), n))
    pattern = re.compile(r"(?<![\w'’])(" + "|".join(map(re.escape, names)) + r")(?![\w])")
    seen: set[str] = set()
    changed: dict[int, str] = {}
    for beat in outline.beats:
        for index in beat.sentences:
            text = texts.get(index, outline.sentence(index).text)

            def upper(match: re.Match[str]) -> str:
                character = owner[match.group(1)]
                if character in seen:
                    return match.group(0)
                seen.add(character)
                return match.group(0).upper()

            new = pattern.sub(upper, text)
            if new != outline.sentence(index).text:
                changed[index] = new
    return changed


def cast_notes(outline: Outline) -> list[str]:
    """'Cast: Ballu — Sanjay Dutt' for every character the synopsis names an actor for:
    actors are kept out of the beats and action, and shown here instead."""
    return [f"Cast: {c.name} — {c.actor}" for c in outline.characters if c.actor]


ACT_WORDS = ("ONE", "TWO", "THREE", "FOUR", "FIVE")


def act_title(number: int) -> str:
    return f"ACT {ACT_WORDS[number - 1]}"


def beat_title(beat: Beat) -> str:
    return f"Beat {beat.index + 1}"


def turning_point_notes(outline: Outline, index: int) -> list[str]:
    """The turning points that fall on sentence `index`, as note texts."""
    return [
        f"Turning point {tp.number}: {tp.label}"
        for beat in outline.beats
        for tp in beat.turning_points
        if tp.sentence == index
    ]


def retold_notes(outline: Outline, index: int) -> list[str]:
    """The other retellings' tellings of sentence `index`'s event: details kept as notes."""
    return [
        f"Also told in retelling {s.retelling}: {s.text}" for s in outline.document.retold(index)
    ]


def story_notes(outline: Outline) -> list[str]:
    """What reading the file found about its retellings, for a note at the top."""
    document = outline.document
    notes = []
    if document.retellings:
        notes.append(
            f"Fused from {len(document.retellings)} retellings of one story: each event"
            " appears once; the other tellings of it follow as notes."
        )
    return notes + list(document.notes)
