"""Real Chromium against the real app: uvicorn on a free port, its own SQLite data dir.

Playwright's bundled browsers cannot be downloaded here, so the system Chromium is launched
directly (and pytest-playwright is not used: it drags in pytest-base-url). One server and one
browser per test session; every test gets a fresh page (and fresh cards, since it cuts its own).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from evidence.settings import Settings
from tests.fixtures.browser import CHROMIUM, CHROMIUM_ARGS
from tests.fixtures.web import serve

SHOTS = Path("/tmp/shots")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("browser-data")
    settings = Settings(data_dir=data, database_url=f"sqlite:///{data / 'evidence.db'}", secret_key="browser-tests")
    with serve(settings) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Anything the Content-Security-Policy blocked (an inline script, a style attribute, a file
    # from elsewhere) would be a feature silently broken for users: fail the test that saw it.
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


@pytest.fixture
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
