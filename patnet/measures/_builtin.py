"""Built-in measures: importing this module registers them."""
