"""Test helpers (being written)."""
