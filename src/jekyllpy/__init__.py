"""jekyllpy: build Jekyll sites exactly as Jekyll 4.3 does, in Python."""
__version__ = "0.1.0"
