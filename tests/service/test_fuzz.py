"""A short schemathesis run against the live service: 0 server errors, responses match the spec.

The long run (1000+ requests) is `make fuzz`; this one keeps `make test` well under a minute.
"""

from __future__ import annotations

from pathlib import Path

from bench.fuzz import hostile_failures, run_schemathesis, tiny_service


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path: Path) -> None:
    with tiny_service() as base_url:
        summary = run_schemathesis(base_url, max_examples=30, report_dir=tmp_path, seed=7)
        hostile = hostile_failures(base_url)
    assert hostile == []  # lone surrogates 422; the rest answered, never a 500
    report = "\n".join(summary.lines())
    assert summary.requests >= 60, report + summary.output[-3000:]
    assert {"POST /segment", "POST /segment/batch", "POST /translate", "GET /health"} <= (
        summary.by_operation.keys()
    )
    assert summary.server_errors == 0, report + summary.output[-3000:]
    assert not summary.check_failures, report + summary.output[-3000:]
    assert summary.network_errors == 0 and summary.exit_code == 0, report + summary.output[-3000:]
