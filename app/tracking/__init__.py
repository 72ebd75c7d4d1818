"""Year-round tracking of a plan: due dates from timeline text, statuses, measurable targets,
the reporting calendar, the overview and the periodic report's content. Plain Python only."""
