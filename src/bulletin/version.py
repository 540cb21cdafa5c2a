"""The version of bulletin (one place; packaging and cache keys read it)."""

__version__ = "0.1.0"
