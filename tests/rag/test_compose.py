"""Which lines an extractive answer treats as references (they name, they do not answer)."""

from __future__ import annotations

from rag.compose import _REFERENCE, _repeats_heading


def test_a_cover_line_that_repeats_the_title_without_its_punctuation_is_a_heading() -> None:
    path = "AI Guidelines for Business, Ver 1.1 (April 4, 2025)"
    assert _repeats_heading("AI Guidelines for Business\n   Ver1.1\n   April 4, 2025", path)
    assert _repeats_heading("第三条（基本理念）", "AI推進法 › 第一章 総則 › 第三条（基本理念）")
    assert not _repeats_heading(
        "The Guidelines were newly established by integrating three guidelines.", path
    )


def test_contents_lines_with_dot_leaders_are_references() -> None:
    assert _REFERENCE.search("Part 5 Matters Related to AI Business Users ........................")
    assert _REFERENCE.search("13\n  D. Common Guiding Principles for AI Business actors ..")
    assert not _REFERENCE.search("The Act applies from 2 August 2026.")
    assert not _REFERENCE.search("Providers shall, e.g. where relevant, document it.")
