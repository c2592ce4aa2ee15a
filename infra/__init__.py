"""Pulumi components for Hanzi Lambda: one ComponentResource per concern."""
