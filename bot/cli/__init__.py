"""One module per `python -m bot` command."""
