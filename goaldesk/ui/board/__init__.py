"""The Short-term | Long-term board: column models, the view, the card delegate, and move commands."""
