"""The application shell: start-up, the main window and its menus, the context, single instance, crash reports."""
