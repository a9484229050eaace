"""The window's session: the annotator's working state and its undo history, in Qt."""
