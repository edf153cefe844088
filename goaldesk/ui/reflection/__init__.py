"""Reflection: the weekly review, feedback, strengths, balance, goal history, and preferences."""
