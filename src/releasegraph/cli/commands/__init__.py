"""One module per command: its handler, which takes the parsed arguments."""
