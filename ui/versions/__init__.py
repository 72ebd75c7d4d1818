"""The versions of a plan in the window: the list, issuing, a version read-only, comparing two."""
