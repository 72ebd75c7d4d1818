"""The editors shown on the right of the window, one per outline node kind."""
