"""Writes of the evaluation app (one function per use case, keyword-only, in a transaction).

The scorecard engine's services live in :mod:`evaluation.scorecards`.
"""
