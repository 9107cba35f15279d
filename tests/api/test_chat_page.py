"""The chat page in a real browser (Debian chromium driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The screenshot in the docs is refreshed on request only: a test run must not change tracked files.
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "chat.png"
UPDATE_SCREENSHOT = os.environ.get("POLICYQA_UPDATE_SCREENSHOT") == "1"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture()
def page():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        yield pg
        browser.close()


def test_ask_see_streamed_answer_click_citation_see_highlighted_quote(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    page.wait_for_selector("#examples button.example")
    page.fill("textarea#question", "ソブリンAIについて日米欧を比較して")
    page.click("button#send")
    answer = page.locator(".message.assistant").last
    answer.locator(".answer-text").wait_for()
    page.wait_for_selector(".message.assistant.done", timeout=60_000)
    assert page.locator("table.comparison").count() == 1
    chips = answer.locator("button.cite-chip")
    assert chips.count() >= 3
    chips.first.click()
    panel = page.locator("aside#source-panel")
    panel.wait_for(state="visible")
    page.wait_for_selector("aside#source-panel .panel-text mark", timeout=20_000)
    assert panel.locator(".panel-title").inner_text().strip()
    assert panel.locator(".panel-text mark").inner_text().strip()
    if UPDATE_SCREENSHOT:
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")


def test_out_of_scope_question_shows_the_sources_do_not_say(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 800})  # a phone-sized screen
    page.goto(live_server + "/")
    page.fill("textarea#question", "What obligations does South Korea's AI Basic Act impose?")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message.assistant.done", timeout=60_000)
    assert page.locator(".abstained-notice").count() == 1
