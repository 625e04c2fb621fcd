"""Benchmark: the LLM planner against a running OpenAI-compatible server (vLLM, llama.cpp,
Ollama), scored per field on question files, beside the offline planner in the same run.

Start a local model first (../shared/tools/local-llm.sh serve 8081); without a server
answering, the bench says so and exits. Each question's model output can be recorded
(--record) and replayed (--replay) to score planner changes without the model.

    .venv/bin/python bench/nl_llm.py [--url http://127.0.0.1:8081/v1] [--consult always]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cockpit import config  # noqa: E402
from cockpit.cli.eval_cmd import check  # noqa: E402
from cockpit.demo.serve import build_demo_warehouse  # noqa: E402
from cockpit.engine import Engine  # noqa: E402
from cockpit.nl.ask import ask  # noqa: E402
from cockpit.nl.llm.planner import CONSULT, LLMPlanner  # noqa: E402
from cockpit.nl.planner import OfflinePlanner  # noqa: E402

FIELDS = ("status", "metric", "period", "filters", "group_by", "rank", "compare", "grain")
DEFAULT_FILES = [ROOT.parent.parent / "shared" / "eval" / "questions.jsonl", ROOT / "tests"]
BASELINE = "plain prompt, Qwen2.5-Coder-1.5B: 18/40 whole plans, 6-7 s per question"


def question_files(paths: list[Path]) -> list[Path]:
    """Files as given; a directory stands for its *holdout*.jsonl files."""
    found = []
    for path in paths:
        found += sorted(path.glob("*holdout*.jsonl")) if path.is_dir() else [path]
    return [p for p in found if p.exists()]


def server_answers(url: str) -> bool:
    """Something listens at `url` (a busy single-slot server may be slow to list models)."""
    try:
        urllib.request.urlopen(url.rstrip("/") + "/models", timeout=5)
        return True
    except TimeoutError:
        return True
    except urllib.error.URLError as exc:
        return isinstance(exc.reason, TimeoutError)
    except OSError:
        return False


class Recorder:
    """Stands between the planner and the chat model: keeps each question's tool call."""

    def __init__(self, model):
        self.model, self.runnable, self.calls = model, None, {}

    def with_structured_output(self, schema, **kwargs):
        self.runnable = self.model.with_structured_output(schema, **kwargs)
        return self

    def invoke(self, messages):
        output = self.runnable.invoke(messages)
        calls = getattr(output.get("raw"), "tool_calls", None) or []
        self.calls[messages[-1][1]] = calls[0]["args"] if calls else None
        return output


class Replay:
    """Stands for the chat model: answers each question with its recorded tool call."""

    def __init__(self, calls: dict):
        self.calls = calls

    def with_structured_output(self, schema, **_):
        return self

    def invoke(self, messages):
        from langchain_core.messages import AIMessage

        args = self.calls.get(messages[-1][1])
        calls = [] if args is None else [{"name": "plan_question", "args": args, "id": "r"}]
        return {"raw": AIMessage(content="", tool_calls=calls), "parsed": None,
                "parsing_error": None}  # fmt: skip


class Fallbacks(logging.Handler):
    """Counts why the LLM plan was not used (reason codes only)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.reasons = Counter()

    def emit(self, record):
        self.reasons[str(record.args[0]).split(":")[0] if record.args else "?"] += 1


def score(cases, engine, planner) -> tuple[dict, list[float], list[tuple]]:
    right, seen, latencies, misses = Counter(), Counter(), [], []
    for case in cases:
        today = date.fromisoformat(case["today"])
        expect = case.get("expect", {})
        started = time.perf_counter()
        got = ask(case["question"], engine, today=today, planner=planner)
        latencies.append(time.perf_counter() - started)
        wrong = check(expect, got)
        for field in FIELDS:
            if field == "status" or (field in expect and expect.get("status") == "answered"):
                seen[field] += 1
                right[field] += field not in wrong and not (field != "status" and "status" in wrong)
        seen["whole plan"] += 1
        right["whole plan"] += not wrong
        if wrong:
            misses.append((case["question"], wrong, got.get("status"), got.get("metric")))
    return {f: (right[f], seen[f]) for f in [*FIELDS, "whole plan"] if seen[f]}, latencies, misses


def percentile(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def report(name: str, fields: dict, latencies: list[float]) -> None:
    cells = "  ".join(f"{f} {r}/{n}" for f, (r, n) in fields.items())
    print(f"  {name:<8} {cells}")
    print(f"  {'':<8} planning+answer p50 {percentile(latencies, 50) * 1000:.0f} ms, "
          f"p95 {percentile(latencies, 95) * 1000:.0f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--url", default="http://127.0.0.1:8081/v1")
    parser.add_argument("--model", default="local", help="model name sent to the server")
    parser.add_argument("--consult", choices=CONSULT, default="always")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per question")
    parser.add_argument("--work", type=Path, default=Path("/tmp/cockpit-bench-nl-llm"))
    parser.add_argument("--record", type=Path, help="save the model's tool calls (JSON)")
    parser.add_argument("--replay", type=Path, help="use saved tool calls, no server")
    parser.add_argument("--misses", action="store_true", help="list the questions missed")
    args = parser.parse_args()

    if args.replay:
        model, source = Replay(json.loads(args.replay.read_text())), f"replay of {args.replay}"
    elif not server_answers(args.url):
        print(f"skipped: no OpenAI-compatible server answers at {args.url} "
              "(start one: ../shared/tools/local-llm.sh serve 8081)")  # fmt: skip
        return
    else:
        from langchain_openai import ChatOpenAI

        model = ChatOpenAI(base_url=args.url, api_key="local", model=args.model, temperature=0,
                           timeout=args.timeout, max_retries=0)  # fmt: skip
        source = f"{args.url} ({args.model})"
    db = args.work / "demo.duckdb"
    if not db.exists():
        build_demo_warehouse(args.work)
    engine = Engine(db, config.queries_dir(None))
    fallbacks = Fallbacks()
    logging.getLogger("cockpit.nl.llm.planner").addHandler(fallbacks)
    recorder = Recorder(model)
    llm = LLMPlanner(engine, recorder, consult=args.consult, timeout_s=args.timeout)
    print(f"LLM planner ({args.consult}) on {source}; baseline: {BASELINE}")
    for path in question_files(args.files):
        cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        print(f"\n{path.name}: {len(cases)} questions")
        for name, planner in (("offline", OfflinePlanner(engine)), ("llm", llm)):
            fields, latencies, misses = score(cases, engine, planner)
            report(name, fields, latencies)
            for question, wrong, status, metric in misses if args.misses else ():
                print(f"      ✗ {question} → {status} {metric or ''} ({', '.join(wrong)})")
        if args.record:  # after each file, so a long run that is stopped keeps what it did
            args.record.write_text(json.dumps(recorder.calls, ensure_ascii=False, indent=1))
    print(f"\nLLM plan not used, by reason: {dict(fallbacks.reasons) or 'never'}")


if __name__ == "__main__":
    main()
