"""One module per command: plain functions that take parsed options and a Console, and return
an exit code. They know nothing of the command line; `riskcard.cli` parses and calls them."""
