"""The interfaces a person uses: the Qt window and, in ui/cli/, the terminal (which never imports Qt)."""
