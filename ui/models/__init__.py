"""Qt item models over the plan's domain objects."""
