"""Benchmark harness: national-volume data, a gunicorn load test against a baseline view, query counts."""
