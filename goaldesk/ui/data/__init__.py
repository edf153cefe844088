"""Moving data in and out: export, import, backups and restore (File menu), with their safety dialogs."""
