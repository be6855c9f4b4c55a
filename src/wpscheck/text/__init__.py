"""Draft texts: normalising, parsing and aligning them."""
