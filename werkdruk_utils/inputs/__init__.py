"""Inputs: the data contract (codebook), readers of the survey tool's exports, validation, the
werktijdfactor parser, loading a measurement and the measurement cache."""
