"""The journeys of ../shared/docs/journeys.md, each driven through the real window as a person does.

The fixtures (tests/journeys/window_fixtures.py) are shared with tests/ui.
"""

from window_fixtures import application, data_dir, person, remember_export_folder, start, stored, today  # noqa: F401
