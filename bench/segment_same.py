"""Do two source trees answer /segment with the same bytes? A check for speed work.

    python -m bench.segment_same OLD_TREE [--new TREE] [--lines 1500]

Starts a server from each tree (`bench.segment_pair.Service`) and sends both the same
requests in the same order: each CPP dev line (the "▁" marks stripped), then the lines ten
at a time, each with every option set in OPTIONS. Compares the response bodies byte for
byte (`request_id` is only in error bodies, dropped if present) and the status codes;
prints the count and the first differences, and exits non-zero on any.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.segment_pair import CPP, ROOT, Service

OPTIONS: tuple[dict[str, Any], ...] = (
    {},
    {"sandhi": True},
    {"pos": True},
    {"sandhi": True, "pos": True, "zhuyin": True},
    {"script": "traditional", "hsk": "2021"},
)
EDGES = ("", "  2024年，他说：“OK!”\n下一行", "a b\r\nc\t d 3.5% C++ #a&b_c-d", "臺灣的天氣很好。")


def _body(content: bytes) -> bytes:
    try:
        parsed = json.loads(content)
    except ValueError:
        return content
    if isinstance(parsed, dict) and "request_id" in parsed:
        parsed.pop("request_id")
        return json.dumps(parsed, ensure_ascii=False).encode()
    return content


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the other source tree")
    parser.add_argument("--new", type=Path, default=ROOT, help="this tree (default: the bench's)")
    parser.add_argument("--lines", type=int, default=1500)
    args = parser.parse_args(argv)
    lines = [line.replace("▁", "") for line in CPP.read_text(encoding="utf-8").splitlines()]
    lines = lines[: args.lines]
    texts = [*EDGES, *lines, *("".join(lines[i : i + 10]) for i in range(0, len(lines), 10))]
    servers = [Service(args.new.resolve()), Service(args.old.resolve())]
    compared, different = 0, []
    try:
        for server in servers:
            server.first_segment("你好")
        for options in OPTIONS:
            for text in texts:
                answers = [
                    server.client.post("/segment", json={"text": text, **options})
                    for server in servers
                ]
                compared += 1
                ours, theirs = answers
                same = ours.status_code == theirs.status_code
                if not same or _body(ours.content) != _body(theirs.content):
                    different.append(f"{options} {text[:40]!r}: {ours.status_code}")
    finally:
        for server in servers:
            server.close()
    print(f"{compared} requests compared ({len(texts)} texts × {len(OPTIONS)} option sets)")
    print(f"{len(different)} different")
    for line in different[:10]:
        print("  " + line)
    if different:
        sys.exit(1)


if __name__ == "__main__":
    main()
