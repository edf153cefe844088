"""Progress: the details panel, check-ins, milestones, charts and printing, wins, and their commands."""
