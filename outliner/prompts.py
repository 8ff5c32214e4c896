"""Prompts for the summarization tasks.

The default model is a small base model: it follows examples, not instructions, so each
task is a few-shot prompt ("Passage: ... / Beat: ..."). The examples are invented stories,
not films from the seeds or TRIPOD; a name copied from them into an outline fails the
faithfulness check and falls back to the source sentence.

Seq2seq summarizers (BART, T5) get the bare passage instead (T5 with its own prefix).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Task(StrEnum):
    BEAT = "beat"  # one beat's sentences -> one short present-tense sentence
    LOGLINE = "logline"  # the story's beat lines -> a one-sentence logline
    TITLE = "title"  # the story's beat lines -> a short title


@dataclass(frozen=True)
class FewShot:
    instruction: str
    input_label: str
    output_label: str
    examples: tuple[tuple[str, str], ...]
    max_words: int
    max_new_tokens: int
    score_instruction: str = "Lines from film outlines."

    def prefix(self) -> str:
        """The part shared by every request of the task (its key/value cache can be reused)."""
        shots = "".join(
            f"{self.input_label}: {source}\n{self.output_label}: {target}\n\n"
            for source, target in self.examples
        )
        return f"{self.instruction}\n\n{shots}"

    def body(self, passage: str) -> str:
        return f"{self.input_label}: {passage}\n{self.output_label}:"

    def score_prefix(self) -> str:
        """The examples' answers alone, one per line: what a candidate is scored after.

        Without the passages on purpose: after its passage, a copy of it is the model's
        likeliest continuation (DESIGN.md measured it first in 6 of 7), so likelihood
        given the source rewards copying. After example lines alone it measures how much
        a candidate reads like a line of the kind.
        """
        lines = "".join(f"{self.output_label}: {target}\n" for _, target in self.examples)
        return f"{self.score_instruction}\n\n{lines}"

    @property
    def score_label(self) -> str:
        return f"{self.output_label}:"


FEW_SHOT: dict[Task, FewShot] = {
    Task.BEAT: FewShot(
        instruction="Rewrite each passage as one short sentence in the present tense.",
        input_label="Passage",
        output_label="Beat",
        examples=(
            (
                "Mara, a young fisherwoman from a northern village, was caught in a storm "
                "and washed ashore on an island that did not appear on any map.",
                "A storm strands Mara on an unknown island.",
            ),
            (
                "After weeks of planning, Tomas and his two cousins broke into the "
                "museum at night while the guards were watching a football match.",
                "Tomas and his cousins break into the museum at night.",
            ),
            (
                "Elena refused to sign the confession. The colonel had her locked in "
                "the cellar, and she started to plan her escape.",
                "Elena refuses to confess and plans her escape from the cellar.",
            ),
            (
                "When he learned that his brother had sold the farm, Joss became furious "
                "and left the family for good.",
                "Joss leaves his family after his brother sells the farm.",
            ),
        ),
        max_words=15,  # a beat line's limit: longer model lines are not candidates
        max_new_tokens=32,
    ),
    Task.LOGLINE: FewShot(
        instruction="Sum up each story in one sentence.",
        input_label="Story",
        output_label="In one sentence",
        examples=(
            (
                "A storm strands Mara on an island. Mara finds a colony of exiles.",
                "Mara, stranded on an island, must escape a colony of exiles.",
            ),
            (
                "Tomas and his cousins rob the museum. One cousin betrays the others to "
                "the police.",
                "Betrayed by his cousin after a museum robbery, Tomas must clear his name.",
            ),
            (
                "The colonel arrests Elena. Elena refuses to confess and plans her escape.",
                "Arrested by the colonel, Elena refuses to confess and plans her escape.",
            ),
        ),
        max_words=40,
        max_new_tokens=48,
    ),
    Task.TITLE: FewShot(
        instruction="Give each story a short film title.",
        input_label="Story",
        output_label="Title",
        examples=(
            (
                "Mara is stranded on an island by a storm. Mara finds a colony of exiles "
                "and warns her village.",
                "Mara's Island",
            ),
            (
                "Tomas and his cousins rob the museum. One cousin betrays the others.",
                "The Museum Job",
            ),
            (
                "Elena is arrested by the colonel. Elena escapes from the cellar and "
                "exposes the colonel.",
                "Elena",
            ),
            (
                "Joss leaves the family after his brother sells the farm. Joss returns to "
                "save the farm.",
                "The Farm",
            ),
        ),
        max_words=8,
        max_new_tokens=14,
    ),
}

# Markers that show a model repeating the prompt instead of answering it.
PROMPT_MARKERS = tuple(
    {f"{fs.input_label}:" for fs in FEW_SHOT.values()}
    | {f"{fs.output_label}:" for fs in FEW_SHOT.values()}
)
