"""Qt user interface: models, views, dialogs and undo commands. Talks to the store only via services."""
