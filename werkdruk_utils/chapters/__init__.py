"""One module per report chapter: the computations behind each numbered table and figure.

Each function takes a :class:`werkdruk_utils.present.report.Chapter` (the loaded measurement years
of
one run) and returns a :class:`~werkdruk_utils.present.tables.ReportTable`, a figure, or tidy
results;
the notebooks only call these and add the narrative.
"""
