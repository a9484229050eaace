"""The terminal: `python main.py COMMAND`. Never imports Qt (tests/test_architecture.py)."""
