"""The `shield` command line: thin translators from arguments to one service call."""
