"""Every write of the library, one module per use case family (services write, selectors read)."""
