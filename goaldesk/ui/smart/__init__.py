"""The SMART check: the dialog and its sections, the guided rewrite, the score for display, its command."""
