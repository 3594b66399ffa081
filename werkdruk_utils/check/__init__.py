"""Checks against the report: its published numbers and their reproduction."""
