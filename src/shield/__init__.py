"""Shield: a sextortion response system for victims, helplines, police and platforms."""

__version__ = "0.1.0"
