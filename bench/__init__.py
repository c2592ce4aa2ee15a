"""Benchmarks: `python -m bench.run` compares the service with the seed's way.

See docs/PERFORMANCE.md.
"""
