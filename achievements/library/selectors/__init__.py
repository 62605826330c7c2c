"""Reads of the library: search and facets, detail and visibility, similar items, recommendations."""
