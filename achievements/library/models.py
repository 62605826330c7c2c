# Models of the library.
