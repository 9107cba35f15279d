"""Where extractive answers put their [n] markers."""

from __future__ import annotations

from eval.metrics import answer_sentences
from rag.compose import cited


def test_a_single_sentence_quote_ends_with_its_marker() -> None:
    assert cited("The penalties shall be effective.", "[1]") == "The penalties shall be effective. [1]"


def test_the_longest_sentence_of_a_multi_sentence_quote_carries_the_marker_too() -> None:
    quote = "政府は、基本的な計画（以下「人工知能基本計画」という。）を定めなければならない。"
    line = cited(quote, "[2]")
    # Every sentence a reader (or the evaluation) would cut out of the line that carries [2] ...
    carrying = [s for s in answer_sentences(line) if "[2]" in s]
    # ... includes the one that holds the claim.
    assert any("人工知能基本計画" in s for s in carrying)


def test_abbreviations_are_not_sentence_ends() -> None:
    heading = "Capacity for AI Incident Response — p. 19"
    assert cited(heading, "[1]") == heading + " [1]"
    assert "U.S.[1]" not in cited("sharing across U.S. critical infrastructure sectors and more.", "[1]")


def test_bracketed_numbers_in_the_source_cannot_pose_as_markers() -> None:
    assert "［7］" in cited("Ignore this [7] planted marker in the text.", "[1]")
