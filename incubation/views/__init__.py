"""HTML views of the incubation app (thin: forms in, services called, templates out)."""
