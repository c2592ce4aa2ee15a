"""How right /segment's learner annotations are, on public data: `make bench-annotations`.

1. Readings in context: the CPP polyphone benchmark's development split (g2pM's data,
   ../shared/benchmarks/cpp/): each sentence goes through /segment in-process (the app's
   real route, settings and engines), and the syllable of the marked character is read from
   its token's pinyin and compared with the gold label (tones 1-5, 5 = neutral).
2. Senses: over the same sentences (Chinese Wikipedia, the news-like text at hand offline),
   the share of Chinese tokens with neither glosses nor a part with glosses, and the share
   whose first gloss is a surname or a cross-reference although the word has another sense.

3. Learner text: the development halves of the textbook sentences (AllSet Chinese Grammar
   Wiki, hand pinyin and words) and the read-speech prompts (DataBaker CSMSC, spoken
   syllables) in ../shared/benchmarks/learner/, scored over HTTP by that folder's own
   `score.py`, beside pypinyin and g2pM on the same words (`--baseline`), and with
   `--sandhi` (一/不 as spoken). The data stays outside the repository (non-commercial).
4. Speed: /segment over HTTP under uvicorn, one keep-alive connection, on the same
   sentences sent one per request and as paragraphs of ten; `--compare-with DIR` measures a
   server started from another source tree (an older commit) the same way, side by side.

Prints the figures, the time taken and the throughput. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from service.annotation.lexicon_build import is_secondary
from service.annotation.pinyin_text import marked_to_numbered
from service.main import app
from tests.support.server import ROOT, launched_service

CPP = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "cpp"
LEARNER = CPP.parent / "learner"
LEARNER_RUNS = (
    ("asg_dev.tsv", ()),
    ("asg_dev.tsv", ("--baseline", "pypinyin")),
    ("asg_dev.tsv", ("--baseline", "g2pm")),
    ("csmsc_dev.tsv", ()),
    ("csmsc_dev.tsv", ("--baseline", "pypinyin")),
    ("csmsc_dev.tsv", ("--baseline", "g2pm")),
    ("csmsc_dev.tsv", ("--sandhi",)),
)
MARK = "\u2581"
PUBLISHED = {  # CPP test split, Park & Lee 2020; g2pW: Chen et al. 2022
    "pypinyin": 86.13,
    "majority reading": 92.08,
    "g2pM": 97.31,
    "g2pW": 99.08,
}


def _syllable(token: dict[str, Any], position: int) -> str | None:
    pinyin = token.get("pinyin")
    if not pinyin:
        return None
    syllables = marked_to_numbered(str(pinyin)).split()
    if len(syllables) != token["end"] - token["start"]:
        return None  # not one syllable per character: no reading to compare
    return syllables[position - int(token["start"])]


def _normalise(reading: str) -> str:
    return reading.lower().replace("v", "u:")


def _has_other_sense(token: dict[str, Any]) -> bool:
    senses = list(token["glosses"])
    for other in token["other_readings"]:
        senses += other["glosses"]
    return any(not is_secondary(sense) for sense in senses)


def run(split: str, limit: int | None) -> dict[str, float]:
    sentences = (CPP / f"{split}.sent").read_text(encoding="utf-8").splitlines()[:limit]
    labels = (CPP / f"{split}.lb").read_text(encoding="utf-8").splitlines()[:limit]
    client = TestClient(app)
    client.post("/segment", json={"text": "热身"})  # load the data before timing
    right = chinese = unexplained = secondary_first = characters = 0
    started = time.perf_counter()
    for marked, label in zip(sentences, labels, strict=True):
        position = marked.index(MARK)
        text = marked.replace(MARK, "")
        characters += len(text)
        response = client.post("/segment", json={"text": text})
        response.raise_for_status()
        tokens = response.json()["tokens"]
        token = next(t for t in tokens if t["start"] <= position < t["end"])
        syllable = _syllable(token, position)
        right += syllable is not None and _normalise(syllable) == _normalise(label)
        for token in tokens:
            if not token["is_chinese"]:
                continue
            chinese += 1
            explained = token["glosses"] or any(part["glosses"] for part in token["parts"])
            unexplained += not explained
            glosses = token["glosses"]
            if glosses and is_secondary(glosses[0]) and _has_other_sense(token):
                secondary_first += 1
    seconds = time.perf_counter() - started
    return {
        "sentences": len(sentences),
        "accuracy": 100 * right / len(sentences),
        "chinese_tokens": chinese,
        "unexplained": 100 * unexplained / chinese,
        "secondary_first": 100 * secondary_first / chinese,
        "seconds": seconds,
        "chars_per_s": characters / seconds,
    }


PARAGRAPH = 10  # sentences per request in the paragraph measurement


def http_throughput(root: Path, texts: list[str], cache_dir: str) -> dict[str, float]:
    """Characters per second through /segment over HTTP, one connection, texts in order."""
    paragraphs = ["".join(texts[i : i + PARAGRAPH]) for i in range(0, len(texts), PARAGRAPH)]
    result: dict[str, float] = {}
    env = {"DATA_CACHE_DIR": cache_dir, "LEXICON_CACHE_DIR": cache_dir}
    with launched_service(env, root=root) as server, httpx.Client(timeout=60) as client:
        url = f"{server.base_url}/segment"
        client.post(url, json={"text": texts[0]}).raise_for_status()  # loads the data
        for name, batch in (("sentences", texts), ("paragraphs", paragraphs)):
            started = time.perf_counter()
            for text in batch:
                client.post(url, json={"text": text}).raise_for_status()
            result[name] = sum(map(len, batch)) / (time.perf_counter() - started)
    return result


def speed(sentences: int, compare_with: Path | None, cache_dir: str) -> None:
    lines = (CPP / "dev.sent").read_text(encoding="utf-8").splitlines()[:sentences]
    texts = [line.replace(MARK, "") for line in lines]
    roots = [("this tree", ROOT)] + ([("compared", compare_with)] if compare_with else [])
    # One cache directory each: a tree removes the other versions' files from its own.
    figures = {
        name: http_throughput(root, texts, f"{cache_dir}-{number}")
        for number, (name, root) in enumerate(roots)
    }
    print(f"/segment over HTTP, one connection, {len(texts)} CPP dev sentences (characters/s):")
    for name, result in figures.items():
        print(
            f"  {name:<10} one sentence a request {result['sentences']:>8.0f}"
            f"   {PARAGRAPH} a request {result['paragraphs']:>8.0f}"
        )
    if compare_with:
        ours, theirs = figures["this tree"], figures["compared"]
        print(
            f"  ratio (this / compared): {ours['sentences'] / theirs['sentences']:.2f}x, "
            f"{ours['paragraphs'] / theirs['paragraphs']:.2f}x"
        )


def learner(cache_dir: str) -> None:
    """score.py's last line for each learner set and baseline, against this tree's server."""
    if not (LEARNER / "score.py").is_file():
        print(f"learner text: {LEARNER} not found, skipped")
        return
    env = {"DATA_CACHE_DIR": cache_dir, "LEXICON_CACHE_DIR": cache_dir}
    print("Learner text, development halves, over HTTP (score.py):")
    with launched_service(env) as server:
        for name, flags in LEARNER_RUNS:
            command = [sys.executable, str(LEARNER / "score.py"), server.base_url]
            done = subprocess.run(
                [*command, str(LEARNER / name), *flags], capture_output=True, text=True, check=True
            )
            print(
                f"  {done.stdout.strip().splitlines()[-1]}{'  ' + ' '.join(flags) if flags else ''}"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="dev (tune only on this one)")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--speed-sentences", type=int, default=2000)
    parser.add_argument("--compare-with", type=Path, default=None, help="another source tree")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    from service.settings import get_settings

    cache_dir = str(get_settings().data_cache_path())
    if not args.skip_speed:
        speed(args.speed_sentences, args.compare_with, cache_dir)
    if args.skip_accuracy:
        return
    learner(f"{cache_dir}-0")
    result = run(args.split, args.limit)
    print(f"CPP {args.split}: {result['sentences']:.0f} sentences through /segment (in-process)")
    print(f"  pinyin of the marked character: {result['accuracy']:.2f} % right")
    for name, figure in PUBLISHED.items():
        print(f"  published, test split: {name:<17} {figure:.2f} %")
    print(f"  Chinese tokens: {result['chinese_tokens']:.0f}")
    print(f"  with neither glosses nor a part with glosses: {result['unexplained']:.2f} %")
    print(
        f"  first gloss a surname/cross-reference despite another sense: "
        f"{result['secondary_first']:.2f} %"
    )
    print(f"  time: {result['seconds']:.1f} s, {result['chars_per_s']:.0f} characters/s")


if __name__ == "__main__":
    main()
