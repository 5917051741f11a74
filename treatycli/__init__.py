"""treatycli: a treaty text as an article model you can query from a terminal."""

__version__ = "0.2.1"
