"""The web application: JSON API and server-rendered pages over the same services."""
