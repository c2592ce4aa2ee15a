"""/translate from two source trees, side by side: is this tree slower than an older one?

    python -m bench.compare_trees OLD_TREE [--rounds 7]

`make bench` compares the service with the AWS sample's way within one run; its figures move
by tens of percent between runs on a shared machine, too much to see a 10 % change from one
commit to the next. This starts servers from OLD_TREE (e.g. `git worktree add /tmp/old <commit>`)
and from this tree in turn, on the same opus-mt-shaped models with the output length forced
(`bench.forced_app`), and prints the medians of: process start → first /translate 200, a warm
5-sentence paragraph, a warm sentence. Each tree converts the models and builds its data
once, untimed, first.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from bench.run import ROOT, Server, build_models, translate_body
from bench.workload import child_env, workload

FIGURES = ("first translation", "warm paragraph", "warm sentence")


def _env(tree: Path, work: Path, models: dict[str, str], name: str) -> dict[str, str]:
    return child_env(
        {
            "PYTHONPATH": str(tree),
            "TRANSLATE_MODEL_ZH_EN": models["zh-en"],
            "TRANSLATE_MODEL_EN_ZH": models["en-zh"],
            "HF_HOME": str(work / f"hf-{name}"),
            "DATA_CACHE_DIR": str(work / f"data-{name}"),
            "TRANSLATE_ENGINE": "ctranslate2",
            "TRANSLATE_COMPUTE_TYPE": "int8",
            "TRANSLATE_THREADS": "0",
            "TRANSLATE_CACHE_SIZE": "0",  # a cache would fake speed
            "TRANSLATE_DEADLINE_S": "600",
            "TRANSLATE_NUM_BEAMS": "",
            "API_KEYS": "",
            "LOG_LEVEL": "WARNING",
        }
    )


def _one_server(env: dict[str, str], tree: Path) -> tuple[float, float, float]:
    texts = workload()
    one, paragraph = translate_body(texts["one"]["texts"]), translate_body(texts["para"]["texts"])
    server = Server(env, tree)
    try:
        first = server.first_ok("/translate", one)
        server.post("/translate", paragraph)
        warm_paragraph = statistics.median(server.post("/translate", paragraph) for _ in range(3))
        warm_one = statistics.median(server.post("/translate", one) for _ in range(3))
        return first, warm_paragraph, warm_one
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_tree", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    trees = {"old": args.old_tree.resolve(), "this": ROOT}
    with tempfile.TemporaryDirectory(prefix="compare-trees-") as temporary:
        work = Path(temporary)
        models = {d: v["dir"] for d, v in build_models(work)["models"].items()}
        envs = {name: _env(tree, work, models, name) for name, tree in trees.items()}
        for name, tree in trees.items():  # conversion and data build, untimed
            _one_server(envs[name], tree)
        samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
        for round_number in range(args.rounds):
            order = list(trees.items())
            for name, tree in order if round_number % 2 == 0 else order[::-1]:
                samples[name].append(_one_server(envs[name], tree))
    print(f"medians of {args.rounds} servers per tree, alternating (seconds):")
    for index, figure in enumerate(FIGURES):
        old = statistics.median(s[index] for s in samples["old"])
        new = statistics.median(s[index] for s in samples["this"])
        print(f"  {figure:<18} old {old:.3f}  this {new:.3f}  this/old {new / old:.2f}")


if __name__ == "__main__":
    main()
