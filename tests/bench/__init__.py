"""Benchmarks for `make bench`: each section module prints its own figures."""
