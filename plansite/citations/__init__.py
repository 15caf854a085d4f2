"""Citation analysis: finds, resolves and links the documents a plan cites (domain layer, no host)."""
