"""Thin routers: a schema in, one engine call, a typed response out."""
