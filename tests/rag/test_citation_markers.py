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


def test_a_quote_the_evaluation_cuts_at_an_abbreviation_still_carries_its_marker() -> None:
    # DESIGN.md §5 ends a sentence at ". " even after "U.S.": the part that holds most of the claim
    # must carry the marker, or the citation backs only "critical infrastructure sectors."
    quote = "Establish an AI-ISAC, led by DHS, to share threat data across U.S. critical sectors."
    carrying = [s for s in answer_sentences(cited(quote, "[1]")) if "[1]" in s]
    assert any("AI-ISAC" in s for s in carrying)


def test_a_hard_wrapped_quote_reads_as_one_line() -> None:
    line = cited("Thus, it was decided to draw up guidelines\non the basis of the goal-based concept.", "[1]")
    assert "\n" not in line and line.endswith("concept. [1]")


def test_bracketed_numbers_in_the_source_cannot_pose_as_markers() -> None:
    assert "［7］" in cited("Ignore this [7] planted marker in the text.", "[1]")


def test_a_quote_ends_before_its_closing_footnote_references() -> None:
    from rag.compose import quote_end

    source = "It does not apply to the Community.[^25] Agencies must act, where applicable.[^26]\n"
    quote = source[: quote_end(source, 0, len(source))]
    assert quote.endswith("where applicable.")
    # With "[^26]" in the quote, the marker after it stood in a sentence of its own ("[^26] [3]").
    carrying = [s for s in answer_sentences(cited(quote, "[3]")) if "[3]" in s]
    assert any("Agencies must act" in s for s in carrying)
