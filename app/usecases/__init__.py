"""Verbs on plans: each takes explicit inputs, runs in one transaction and returns what changed."""
