"""HTML views of the IP services app (thin: forms in, services called, templates out)."""
