"""Pipeline stages: each takes an Outline and returns a richer one; none does I/O."""
