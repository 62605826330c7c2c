"""Reads of the evaluation app (selectors): trees, weights, aggregations, task lists."""
