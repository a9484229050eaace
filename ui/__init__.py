"""The interfaces a person uses: the Qt window and, in cli.py, the terminal (which never imports Qt)."""
