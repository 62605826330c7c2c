"""Writes of the matching app, one module per area (every function keyword-only, in a transaction)."""
