"""Dialogs: a new plan, exporting documents."""
