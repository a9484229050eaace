"""Small dialogs of the window: settings, guidelines, shortcuts."""
