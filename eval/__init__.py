"""PolicyQA evaluation harness: gold matching, metrics, HTML report and run comparison."""
