"""Copy the figures the Lambda sizing test needs from bench/results.json to bench/sizing.json.

    python -m bench.sizing      # a deliberate step, after a `make bench` worth keeping

`make bench` rewrites results.json on every run; tests/infra reads only sizing.json, so a
bench run on a busy machine cannot change a unit test's outcome until someone copies it.
"""

from __future__ import annotations

import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.json"
SIZING = BENCH / "sizing.json"
# Peak RSS of the server with both directions and the POS tagger loaded, and of the converter.
KEYS = ("ours_with_pos_peak_rss_mb", "ours_float32_with_pos_peak_rss_mb", "converter_peak_rss_mb")


def main() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    sizing = {key: results[key] for key in KEYS}
    SIZING.write_text(json.dumps(sizing, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SIZING.relative_to(BENCH.parent)}: {', '.join(KEYS)}")


if __name__ == "__main__":
    main()
