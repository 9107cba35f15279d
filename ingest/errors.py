"""Errors the ingest reports to users."""


class IngestError(Exception):
    """An ingest that cannot start or finish (missing path, empty folder, store unavailable)."""


class FileRejected(Exception):
    """One input file is skipped (binary, undecodable, too large, malformed); the rest ingests."""
