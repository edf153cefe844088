"""Shared by every feature: item roles, MIME types, icons, the change notifier, delegates, filters."""
