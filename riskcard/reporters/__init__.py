"""Render stage: typed results in, text out. Reporters are chosen from registries by name."""
