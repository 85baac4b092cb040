"""Judging a transcript: transcript model and importers, rubrics, scorers, evidence checks."""
