"""The pages on every engine of the store: a SQLite workspace, PostgreSQL and MariaDB, with the
sessions in the store's own table."""

from __future__ import annotations

import pytest

from casedu.services.session_types import session_key
from tests.engines import ENGINES, new_store
from tests.services.world import accounts, world_dataset
from tests.web.site import Site


@pytest.mark.parametrize("kind", ENGINES)
def test_a_day_of_work_on_each_engine(tmp_path, kind):
    with new_store(kind, tmp_path) as store:
        store.replace_all(world_dataset(), accounts=accounts())
        site = Site(store)
        client = site.client()
        assert client.login("IOP").status_code == 303
        token = client.http.cookies.get("casedu_session")
        assert store.session(session_key(token)).username == "IOP"
        assert "培训P1" in client.get("/plans").text
        assert client.post("/plans/P1d/publish").status_code == 303
        assert client.post("/classes/P1/attendees/confirm", {"person": ["s1"]}).status_code == 303
        assert store.get("attendance", ("P1", "s1")).confirmed
        page = client.get("/classes/P1/attendees").text
        assert '<td class="number">32</td>' in page
        assert client.post("/external/E2/approve").status_code == 303
        assert store.get("external_learning", ("E2",)).reviewer == "IOP"
        refused = client.post("/plans/PXd/publish")
        assert refused.status_code == 403
        assert store.get("plans", ("PXd",)).status.value == "draft"
        assert client.post("/logout").status_code == 303
        assert store.session(session_key(token)) is None
        assert [e.action for e in store.events(institute="IOP")][-1] == "end_session"
