"""Random plans — random Unicode, nesting, empty fields — survive storage and JSON unchanged."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import plan_file
from app.model import Appendix, DocDate, Plan, Section, Target, Task
from app.vietnamese import clean_text
from storage.db import open_store
from storage.plans import insert_plan, load_plan

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯƠ"
text = st.text(alphabet=st.sampled_from(VIET + " -+=@;,.%()\n\t") | st.characters(), max_size=40).map(clean_text)
area = st.sampled_from(["", "institutions", "procedures", "direction"])
leaf_task = st.builds(Task, area=area, content=text, product=text, lead=text, timeline=text, note=text)
mid_task = st.builds(Task, area=area, content=text, subtasks=st.lists(leaf_task, max_size=2).map(tuple))
task = st.builds(Task, area=area, content=text, budget=text, subtasks=st.lists(mid_task, max_size=2).map(tuple))
leaf_section = st.builds(Section, heading=text, paragraphs=st.lists(text, max_size=3).map(tuple), run_in=st.booleans())
section = st.builds(
    Section,
    heading=text,
    paragraphs=st.lists(text, max_size=2).map(tuple),
    sections=st.lists(
        st.builds(Section, heading=text, sections=st.lists(leaf_section, max_size=2).map(tuple)), max_size=2
    ).map(tuple),
)
plan = st.builds(
    Plan,
    year=st.integers(2000, 2099),
    summary=text,
    agency=text,
    number=text,
    place=text,
    date=st.none() | st.builds(DocDate, year=st.integers(2000, 2099), month=st.none() | st.integers(1, 12)),
    legal_bases=st.lists(text, max_size=3).map(tuple),
    preamble=text,
    sections=st.lists(section, max_size=3).map(tuple),
    targets=st.lists(st.builds(Target, area=area, content=text, lead=text), max_size=3).map(tuple),
    appendices=st.lists(
        st.builds(Appendix, title=text, group_by_area=st.booleans(), tasks=st.lists(task, max_size=4).map(tuple)),
        max_size=2,
    ).map(tuple),
    recipients=st.lists(text, max_size=3).map(tuple),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan)
def test_random_plans_round_trip_through_storage_and_json(tmp_path, p):
    text_json = plan_file.dumps(p)
    assert unicodedata.is_normalized("NFC", text_json)
    assert plan_file.dumps(plan_file.loads(text_json)) == text_json
    store = open_store(tmp_path / "h.db")
    try:
        pid = insert_plan(store, p)
        assert plan_file.dumps(load_plan(store, pid)) == text_json
    finally:
        store.close()
