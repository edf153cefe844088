"""Goals as a list: the table model, the filter proxy, the editor, the Trash, and the goal commands."""
