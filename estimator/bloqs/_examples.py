"""``bloq_example`` for modules using ``from __future__ import annotations``.

Qualtran's ``@bloq_example`` reads the bloq class from the function's return annotation, which
postponed annotations turn into a string. This decorator takes the class explicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qualtran import Bloq, BloqExample


def bloq_example_of(bloq_cls: type[Bloq]) -> Callable[[Callable[[], Any]], BloqExample]:
    """Decorator: turn ``_name() -> bloq`` into a ``BloqExample`` named ``name`` of ``bloq_cls``.

    The example's generalizer drops Split/Join/Allocate/Free bookkeeping, so its call graph can
    be compared with its decomposition (as Qualtran's own examples do).
    """
    from qualtran.resource_counting.generalizers import ignore_alloc_free, ignore_split_join

    def wrap(func: Callable[[], Any]) -> BloqExample:
        return BloqExample(
            func=func,
            name=func.__name__.lstrip("_"),
            bloq_cls=bloq_cls,
            docstring=func.__doc__,
            generalizer=[ignore_split_join, ignore_alloc_free],
        )

    return wrap
