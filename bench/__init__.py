"""Benchmarks: `python -m bench.run` compares the service with the seed's way (see docs/PERFORMANCE.md)."""
