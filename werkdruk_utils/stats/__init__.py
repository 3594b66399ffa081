"""Statistics: design-based estimates equal to R's survey package, weighting, scales, the
estimation rules of every table, and small-cell suppression."""
