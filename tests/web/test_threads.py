"""How many requests run their page at once (WebSettings.threads): at most that many, the others
waiting their turn; every page the same either way."""

from __future__ import annotations

import threading
import time

import anyio
import httpx
import pytest

from casedu.web import WebSettings
from casedu.web.portal import Portal
from tests.web.site import Site

PAGES = ("/plans", "/classes", "/external", "/stats/staff", "/admin/people")


@pytest.mark.parametrize("threads", [1, 2, None])
def test_at_most_the_settings_threads_run_a_page_at_once(threads, monkeypatch):
    site = Site(settings={"threads": threads})
    browser = site.client()
    assert browser.login("IOP").status_code == 303
    cookies = dict(browser.http.cookies)
    running, most = [0], [0]
    lock = threading.Lock()
    visit = Portal.visit

    def slow_visit(self, request, who):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        return visit(self, request, who)

    monkeypatch.setattr(Portal, "visit", slow_visit)

    async def six_at_once():
        transport = httpx.ASGITransport(app=site.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                     cookies=cookies) as http:
            answers = []

            async def one(path):
                answers.append(await http.get(path))

            async with anyio.create_task_group() as group:
                for path in (*PAGES, PAGES[0]):
                    group.start_soon(one, path)
        return answers

    answers: list = []  # in a thread of its own: another test may leave this one's loop running
    runner = threading.Thread(target=lambda: answers.extend(anyio.run(six_at_once)))
    runner.start()
    runner.join()
    assert [a.status_code for a in answers] == [200] * 6
    if threads is None:  # anyio's own limit (40): as many as came at once
        assert most[0] > 2
    else:
        assert most[0] == threads


def test_threads_is_a_whole_number_of_at_least_one():
    for wrong in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="threads"):
            WebSettings(threads=wrong)
