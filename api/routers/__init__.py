"""One router per concern: ask/search, documents, ingest, OpenAI compatibility, health."""
