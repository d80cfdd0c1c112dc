"""The Textual terminal UI. Talks to tracker/ only through its service facade."""
