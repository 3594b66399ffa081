"""Helpers shared by the werkdruk notebooks: data contract, loading, weighting, statistics."""

__version__ = "0.1.0"
