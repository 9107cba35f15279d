"""Ingest: corpus files → section-aware chunks → embeddings → a crash-safe index generation."""
