"""Presentation: Dutch number formatting, report tables and figures, generated findings, and what
every chapter notebook does around its analyses."""
