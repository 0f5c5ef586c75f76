"""Sample data (being written)."""
