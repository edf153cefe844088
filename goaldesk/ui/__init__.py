"""Qt user interface, one folder per feature (docs/architecture.md): shell, common, goals, categories, board,
smart, progress, reflection, data. Talks to the store only via services."""
