"""Long work in the background with progress and cancel: import, export, the assistant."""
