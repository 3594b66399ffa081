"""The declaration vocabulary: what a notebook says about each numbered table and figure.

A notebook cell declares *what* is estimated (a measure of :mod:`.measures`: ``Answers``,
``Share``, ``Ticked``, ``AnyTicked``, ``GridRows``, ``ScaleMean``, ``ScaleShare``,
``FieldMeans``), *for whom* (``population``), *grouped how* (``by``), *weighted how*
(``weighting``) and *over which years* (``years``) with ``chapter.estimate(...)``
(:mod:`.estimates`), and how it is shown with ``chapter.table(...)`` / ``chapter.figure(...)``
(:mod:`.layout`), and what its sentences say with ``changes_text(result, (subject,
category, group), ...)``. Every declared item is registered by its report id in ``chapter.items``
(:mod:`.registry`), where the self-check, the claims checks and the site find its results.
"""

from werkdruk_utils.declare.estimates import Estimate, Result, estimate
from werkdruk_utils.declare.layout import changes_text
from werkdruk_utils.declare.measures import (
    EVERY_ANSWER,
    SCALE_THRESHOLD,
    WHOLE_POPULATION,
    Answers,
    AnyTicked,
    DeclarationError,
    FieldMeans,
    GridRows,
    ScaleMean,
    ScaleShare,
    Share,
    Ticked,
    among,
    without,
)

__all__ = [
    "Answers",
    "AnyTicked",
    "DeclarationError",
    "EVERY_ANSWER",
    "Estimate",
    "FieldMeans",
    "GridRows",
    "Result",
    "SCALE_THRESHOLD",
    "ScaleMean",
    "ScaleShare",
    "Share",
    "Ticked",
    "WHOLE_POPULATION",
    "among",
    "changes_text",
    "estimate",
    "without",
]
