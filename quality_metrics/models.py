# Models of this app.
