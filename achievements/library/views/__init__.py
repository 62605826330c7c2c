"""HTML views of the library (thin: selectors read, services write)."""
