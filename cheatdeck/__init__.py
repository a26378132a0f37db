"""cheatdeck: turn your own Markdown study notes into an Anki deck and a cheat sheet."""

__version__ = "0.1.0"
