"""outliner: film synopses in, screenplay outlines in Fountain out.

    >>> import outliner
    >>> result = outliner.outline(open("seeds/000_7efbc8fe8c8b2570.txt").read())
    >>> print(outliner.to_fountain(result))

Heavy libraries (torch, transformers) load only when a model is first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from outliner.pipeline import outline
    from outliner.writers.fountain import to_fountain

__all__ = ["__version__", "outline", "to_fountain"]


def __getattr__(name: str) -> Any:
    if name == "outline":
        from outliner.pipeline import outline

        return outline
    if name == "to_fountain":
        from outliner.writers.fountain import to_fountain

        return to_fountain
    raise AttributeError(name)
