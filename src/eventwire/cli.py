"""The ``eventwire`` command line: a thin layer over the pipeline, store and analyses.

Commands: code, ingest, export, stats, stance, actors (unknown, lookup), dict import, eval.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    help="eventwire: political event data from news text (who did what to whom, where and when, with evidence).",
    no_args_is_help=True,
    add_completion=False,
)
# Piped output gets a fixed, wide layout instead of rich's 80-column fallback.
out = Console() if sys.stdout.isatty() else Console(width=160)
err = Console(stderr=True, soft_wrap=True)  # an error names a path; never break it across lines


class CodeFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record is emitted, so a swapped stream never goes stale."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _setup_logging(verbose: bool) -> None:
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("eventwire: %(message)s"))
    root = logging.getLogger("eventwire")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def _open_store(db: Path):
    """The store at ``db`` (a DuckDB file or a Parquet dataset), read-only, or a clear error."""
    from .store import Store

    try:
        return Store(db, read_only=True)
    except FileNotFoundError as exc:
        _fail(str(exc))


def _pipeline():
    from .knowledge.schema import KnowledgeError
    from .coding.nlp import ModelError
    from .pipeline import default_pipeline

    try:
        return default_pipeline()
    except (ModelError, KnowledgeError) as exc:
        _fail(str(exc))


# ------------------------------------------------------------------ code
@app.command()
def code(
    path: str = typer.Argument(..., help="File or directory to code, or - for standard input."),
    format: CodeFormat = typer.Option(CodeFormat.table, "--format", "-f", help="Output format."),
    explain: bool = typer.Option(False, "--explain", help="Show each event's evidence: highlighted spans, rules, status reason."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debugging detail to stderr."),
) -> None:
    """Code articles and print their events (a table by default)."""
    from .model import Article
    from .read import iter_records

    _setup_logging(verbose)
    pipe = _pipeline()
    articles = (r for r in iter_records(path) if isinstance(r, Article))  # rejects are logged by the reader
    if explain:
        for result in pipe.process_many(articles):
            for event in result.events:
                _explain(result.article.text, event)
        return
    events = (event for result in pipe.process_many(articles) for event in result.events)
    if format is CodeFormat.table:
        _print_table(list(events))
    elif format is CodeFormat.json:
        out.file.write(json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2) + "\n")
    elif format is CodeFormat.jsonl:
        for event in events:
            out.file.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    else:
        from .store import EVENT_SCHEMA, event_row

        writer = csv.DictWriter(out.file, fieldnames=[f.name for f in EVENT_SCHEMA], extrasaction="ignore")
        writer.writeheader()
        for event in events:
            writer.writerow(event_row(event, ""))


def _explain(text: str, event) -> None:
    """The sentence with trigger, source, target and location highlighted, and why."""
    spans = [(event.trigger, "bold reverse yellow", "trigger")]
    spans += [(a, style, role) for a, style, role in (
        (event.source, "bold reverse green", "source"), (event.target, "bold reverse magenta", "target"),
        (event.location, "bold reverse cyan", "location"), (event.attributed_to, "bold reverse blue", "speaker"),
    ) if a is not None]
    starts = [s.start for s, _, _ in spans]
    lo, hi = min(starts), max(s.end for s, _, _ in spans)
    sentence_start = text.rfind(event.sentence[:20], 0, lo + 1) if event.sentence else lo
    window_start = sentence_start if 0 <= sentence_start <= lo else lo
    window_end = max(hi, window_start + len(event.sentence))
    shown = Text(text[window_start:window_end].replace("\n", " "))
    for span, style, _ in spans:
        if span.start >= window_start and span.end <= window_end:
            shown.stylize(style, span.start - window_start, span.end - window_start)
    out.rule(f"{event.article_id} #{event.event_id}  {event.cameo} {event.plover or '(statement)'}  {event.status}  conf {event.confidence:.2f}")
    out.print(shown)
    legend = "  ".join(f"[{style}]{role}[/] {span.text if hasattr(span, 'text') else span.name} [{span.start}:{span.end}]"
                       for span, style, role in spans)
    out.print(legend, highlight=False)
    out.print(f"[dim]rule:[/dim] {event.rule}", highlight=False)
    out.print(f"[dim]status:[/dim] {event.status} ({event.status_reason})", highlight=False)
    if event.date:
        out.print(f"[dim]date:[/dim] {event.date} ({event.date_precision}; {event.date_rule})", highlight=False)


def _actor_label(actor) -> str:
    return f"{actor.code} ({actor.text})" if actor is not None else "-"


def _print_table(events) -> None:
    if not events:
        err.print("no events found")
        return
    articles = list(dict.fromkeys(e.article_id for e in events))
    for article_id in articles:
        table = Table(title=article_id if len(articles) > 1 else None, header_style="bold", title_justify="left")
        for column in ("sent", "source", "target", "cameo", "plover", "status", "date", "location", "trigger", "conf"):
            table.add_column(column, overflow="fold", no_wrap=column in ("cameo", "conf", "sent"))
        for e in (e for e in events if e.article_id == article_id):
            table.add_row(
                str(e.sentence_index), _actor_label(e.source), _actor_label(e.target),
                e.cameo, (e.plover or "-") + (f"/{e.plover_mode}" if e.plover and e.plover_mode else ""), e.status,
                e.date or "-", e.location.name if e.location else "-", e.trigger.text, f"{e.confidence:.2f}",
            )
        out.print(table)


# ------------------------------------------------------------------ ingest
class _RateColumn(ProgressColumn):
    """Articles per second and events per second."""

    def render(self, task) -> Text:
        speed = task.speed or 0.0
        elapsed = task.elapsed or 0.0
        events = task.fields.get("events", 0) / elapsed if elapsed else 0.0
        return Text(f"{speed:.1f} art/s {events:.1f} ev/s", style="cyan")


def _count_records(path: str) -> int | None:
    """A cheap upper bound of the records under ``path`` for the ETA (None for stdin)."""
    if path == "-":
        return None
    root = Path(path)
    files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")]
    total = 0
    for file in files:
        suffix = file.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".csv"):
            with open(file, "rb") as handle:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        elif suffix in (".txt", ".text", ".md", ".html", ".htm", ".json"):
            total += 1
    return total


@app.command()
def ingest(
    path: str = typer.Argument(..., help="File or directory to ingest, or - for standard input."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB file to write (created if missing)."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Articles per transaction."),
    workers: int = typer.Option(0, "--workers", "-w", min=0, help="Coding processes (0: one per CPU core)."),
    out_parquet: Optional[Path] = typer.Option(
        None, "--out-parquet", help="Also write the store as a partitioned Parquet dataset to this directory."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: processes on this machine; ray: a Ray cluster."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (ray://HOST:PORT or auto); default: a local Ray."),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
) -> None:
    """Code articles into a DuckDB store (or, with --engine ray, a Parquet dataset).

    Re-running adds no duplicates and finishes an interrupted run.
    """
    from .engines.local import ingest as run_ingest

    _setup_logging(verbose)
    if engine is Engine.ray:
        if out_parquet is None:
            _fail("--engine ray writes a Parquet dataset: give --out-parquet DIR")
        from .pipeline import OVERLAY_ENV
        from .engines.ray_engine import RayUnavailable, ingest_ray

        try:
            report = ingest_ray(path, out_parquet, address=address, batch_size=batch_size,
                                workers=workers or None, overlay=os.environ.get(OVERLAY_ENV))
        except RayUnavailable as exc:
            _fail(str(exc))
        err.print(f"read {report.read} articles: stored {report.stored}, already stored {report.skipped_known}; "
                  f"{report.events} events; {report.rejects} rejects -> {out_parquet}", highlight=False)
        return
    if db is None:
        _fail("give --db FILE (or --engine ray with --out-parquet DIR)")
    workers = workers or os.cpu_count() or 1
    pipe = _pipeline() if workers == 1 else None
    interactive = err.is_terminal
    total = _count_records(path) if interactive else None
    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]coding"), BarColumn(), TextColumn("{task.completed}/{task.total} records"),
        _RateColumn(), TextColumn("{task.fields[events]} events"), TimeElapsedColumn(), TextColumn("ETA"),
        TimeRemainingColumn(), console=err, disable=not interactive, transient=False,
    )
    with progress:
        task = progress.add_task("ingest", total=total, events=0)
        events_seen = 0

        def advance(records: int, events: int) -> None:
            nonlocal events_seen
            events_seen += events
            progress.update(task, advance=records, events=events_seen)

        from .store.database import StoreVersionError

        try:
            report = run_ingest(path, db, batch_size=batch_size, pipeline=pipe, progress=advance, workers=workers)
        except StoreVersionError as exc:
            _fail(str(exc))
    if out_parquet is not None:
        from .store import Store

        with Store(db) as store:
            store.write_parquet(out_parquet)
        err.print(f"wrote the Parquet dataset {out_parquet}", highlight=False)
    reasons = ", ".join(f"{k}: {v}" for k, v in sorted(report.reject_reasons.items())) or "none"
    err.print(
        f"read {report.read} articles: stored {report.stored}, already stored {report.skipped_known}; "
        f"{report.events} events; {report.rejects} rejects ({reasons}) -> {db}",
        highlight=False,
    )


# ------------------------------------------------------------------ export
@app.command()
def export(
    db: Path = typer.Option(..., "--db", help="DuckDB file written by `eventwire ingest`."),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    out_path: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (stdout if omitted; required for parquet)."),
) -> None:
    """Export the events table as CSV, JSONL (the public event schema) or Parquet."""
    from .store import dumps_event

    with _open_store(db) as store:
        if format is ExportFormat.jsonl:
            handle = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout
            try:
                for event in store.iter_event_dicts():
                    handle.write(dumps_event(event) + "\n")
            finally:
                if out_path:
                    handle.close()
            return
        if format is ExportFormat.parquet and out_path is None:
            _fail("--out is required for parquet")
        order = "ORDER BY article_id, sentence_index, trigger_start, event_id"
        if out_path is None:
            relation = store.con.sql(f"SELECT * FROM events {order}")
            relation.write_csv("/dev/stdout")
            return
        kind = "PARQUET" if format is ExportFormat.parquet else "CSV, HEADER"
        target = str(out_path).replace("'", "''")
        store.con.execute(f"COPY (SELECT * FROM events {order}) TO '{target}' (FORMAT {kind})")
    err.print(f"wrote {out_path}")


# ------------------------------------------------------------------ stats
@app.command()
def stats(
    db: Path = typer.Option(..., "--db", help="DuckDB file written by `eventwire ingest`."),
    as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
    limit: int = typer.Option(20, "--limit", help="Dyads to show."),
) -> None:
    """Counts by event type, status, dyad and day, and the rejects with their reasons."""
    from .corpus.stats import stats as compute

    with _open_store(db) as store:
        result = compute(store, limit=limit)
    if as_json:
        out.file.write(json.dumps(result, indent=2, default=str) + "\n")
        return
    totals = result["totals"]
    out.print(
        f"[bold]{totals['articles']}[/bold] articles, [bold]{totals['events']}[/bold] events, "
        f"{totals['mentions']} actor mentions, {totals['places']} places, {totals['rejects']} rejects"
    )
    for title, key in (("Events by type", "by_type"), ("Events by status", "by_status"),
                       ("Top dyads", "by_dyad"), ("Events by day", "by_day"), ("Rejects", "rejects")):
        rows = result[key]
        table = Table(title=title, title_justify="left", header_style="bold")
        if not rows:
            out.print(f"{title}: none")
            continue
        for column in rows[0]:
            table.add_column(column)
        for row in rows:
            table.add_row(*("-" if v is None else str(v) for v in row.values()))
        out.print(table)


@app.callback()
def _options(
    kb: Optional[Path] = typer.Option(
        None, "--kb", help="A knowledge overlay written by `eventwire dict import`, used on top of the built-in knowledge.",
    ),
    verbs: Optional[Path] = typer.Option(
        None, "--verbs", help="A PETRARCH/TABARI CAMEO verb dictionary whose patterns extend the built-in lexicon.",
    ),
) -> None:
    from .pipeline import OVERLAY_ENV, VERBS_ENV

    if kb is not None:
        if not kb.is_dir():
            _fail(f"--kb {kb}: no such directory")
        os.environ[OVERLAY_ENV] = str(kb)
    if verbs is not None:
        if not verbs.is_file():
            _fail(f"--verbs {verbs}: no such file")
        os.environ[VERBS_ENV] = str(verbs)


# ------------------------------------------------------------------ dict
dict_app = typer.Typer(help="Bring legacy PETRARCH/TABARI dictionaries into eventwire.", no_args_is_help=True)
app.add_typer(dict_app, name="dict")


@dict_app.command("import")
def dict_import(
    files: list[Path] = typer.Argument(..., help="TABARI-format .actors or agents files (Phoenix.*.txt)."),
    out_dir: Path = typer.Option(..., "--out", help="Overlay directory to write (groups.json, people.json, agents.json)."),
) -> None:
    """Convert actor and agent dictionaries, with date-restricted codes, into a knowledge overlay.

    Use it with `eventwire --kb DIR code ...` or the EVENTWIRE_KB_OVERLAY variable. The overlay
    adds names; a name eventwire already knows keeps its built-in meaning.
    """
    from .knowledge.petrarch import import_dictionaries, write_overlay
    from .coding.nlp import load_nlp

    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        _fail(f"no such file: {', '.join(missing)}")
    nlp = load_nlp()

    def lemmatize(phrase: str) -> str:
        return " ".join(t.lemma_.lower() for t in nlp(phrase)) if phrase else ""

    report = import_dictionaries(files, lemmatize)
    written = write_overlay(report, out_dir)
    out.print(", ".join(f"{n} {name}" for name, n in written.items()) + f" -> {out_dir}", highlight=False)
    for reason, count in report.skipped.most_common():
        err.print(f"skipped {count}: {reason} (first: {report.examples[reason]})", highlight=False)


# ------------------------------------------------------------------ actors
actors_app = typer.Typer(help="Inspect the actor knowledge base and the names it is missing.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("unknown")
def actors_unknown(
    db: Path = typer.Option(..., "--db", help="DuckDB file written by `eventwire ingest`."),
    limit: int = typer.Option(50, "--limit", help="Names to show."),
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON."),
) -> None:
    """Names not in the knowledge base, by frequency: the provisional codes they were given, the
    events they fill, and an example sentence."""
    from .corpus.stats import unknown_actors

    with _open_store(db) as store:
        rows = unknown_actors(store, limit=limit)
    if as_json:
        out.file.write(json.dumps(rows, indent=2) + "\n")
        return
    if not rows:
        out.print("no unknown names")
        return
    table = Table(title="Unknown names", title_justify="left", header_style="bold")
    counts = ("mentions", "articles", "events")
    for column in ("name", "label", *counts, "codes given", "example"):
        table.add_column(column, overflow="fold", justify="right" if column in counts else "left")
    for row in rows:
        table.add_row(row["name"], row["label"], *(str(row[c]) for c in counts), row["codes"] or "-", row["example"])
    out.print(table)


@actors_app.command("lookup")
def actors_lookup(
    name: str = typer.Argument(..., help="A name as it appears in text: 'Cavusoglu', 'the Kremlin', 'GNA'."),
    on: Optional[str] = typer.Option(None, "--date", help="Resolve roles on this day (YYYY-MM-DD); default: current role."),
) -> None:
    """Show what a name resolves to in the knowledge base, and why."""
    from .read.published import parse_published

    when = parse_published(on) if on else None
    if on and when is None:
        _fail(f"--date {on!r} is not a date (use YYYY-MM-DD)")
    pipe = _pipeline()
    text = name[4:] if name.lower().startswith("the ") else name
    doc = pipe.nlp(text)
    found = pipe.kb.lookup(text, [t.text for t in doc], [t.lemma_ for t in doc], when)
    if not found:
        out.print(f"{name!r} is not in the knowledge base (see `eventwire actors unknown` for names worth adding)")
        raise typer.Exit(1)
    table = Table(title=f"{name}" + (f" on {when.isoformat()}" if when else ""), title_justify="left", header_style="bold")
    for column in ("code", "country", "sector", "actor_id", "kind", "why"):
        table.add_column(column, overflow="fold")
    for actor, kind, why in found:
        table.add_row(actor.code, actor.country or "-", actor.sector or "-", actor.actor_id or "-", kind, why)
    out.print(table)


# ------------------------------------------------------------------ stance
@app.command()
def stance(
    db: Path = typer.Option(..., "--db", help="DuckDB file written by `eventwire ingest`."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor code, code prefix or actor id (LBYREB, LBY, group:lby_gna)."),
    limit: int = typer.Option(50, "--limit"),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """How outlets frame each actor: mean stance (-1 hostile .. 1 favourable) per actor and outlet, with evidence."""
    from .corpus.stats import stance_by_outlet

    with _open_store(db) as store:
        rows = stance_by_outlet(store, actor, limit)
    if as_json:
        out.file.write(json.dumps(rows, indent=2) + "\n")
        return
    if not rows:
        out.print("no stance cues" + (f" for {actor}" if actor else ""))
        return
    table = Table(title="Stance by actor and outlet", title_justify="left", header_style="bold")
    for column in ("code", "name", "outlet", "articles", "mean_score", "cues", "example"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row[k]) for k in ("code", "name", "outlet", "articles", "mean_score", "cues", "example")))
    out.print(table)


# ------------------------------------------------------------------ eval
@app.command(name="eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold file: PLOVER gold-standard JSON or eventwire JSONL."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write the full report (JSON) here."),
    show_misses: int = typer.Option(0, "--misses", help="Print this many missed gold events and this many false positives."),
) -> None:
    """Score the coder on gold data: each coded event is paired with a gold event of its sentence."""
    from .evaluate import run_eval
    from .evaluate.gold import GoldError

    _setup_logging(False)
    if not gold.is_file():
        _fail(f"{gold}: no such gold file")
    try:
        result = run_eval(gold, _pipeline())
    except GoldError as error:
        _fail(str(error))
    if report:
        report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    summary = Table(title=f"eventwire eval {gold.name}", title_justify="left", header_style="bold")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    for key in ("records", "gold_events", "optional_events", "coded_events", "detection_recall", "type_accuracy",
                "coded_rows", "precision", "recall", "f1", "source_country_accuracy", "source_code_accuracy",
                "target_country_accuracy", "target_code_accuracy", "no_event_records", "false_event_rate",
                "outside_gold_sentences_rate",
                "status_accuracy", "location_accuracy", "spurious_location_rate", "date_accuracy"):
        value = result[key]
        summary.add_row(key, "-" if value is None else str(value))
    for key, value in result.get("dedup", {}).items():
        summary.add_row(f"dedup {key}", "-" if value is None else str(value))
    out.print(summary)
    per_type = Table(title="by PLOVER type", title_justify="left", header_style="bold")
    for column in ("type", "gold", "coded", "matched", "false_pos", "precision", "recall", "f1"):
        per_type.add_column(column, justify="right" if column != "type" else "left")
    for label, row in result["by_type"].items():
        per_type.add_row(label, *("-" if row[k] is None else str(row[k]) for k in
                                  ("gold", "coded", "matched", "false_positive", "precision", "recall", "f1")))
    out.print(per_type)
    labels = sorted({*result["confusion"], *(k for row in result["confusion"].values() for k in row)})
    confusion = Table(title="confusion (rows gold, columns coded in the same sentence)", title_justify="left", header_style="bold")
    confusion.add_column("gold")
    for label in labels:
        confusion.add_column(label[:4], justify="right")
    for gold_label, row in result["confusion"].items():
        confusion.add_row(gold_label, *(str(row.get(label, "")) for label in labels))
    out.print(confusion)
    for reason in result["gold_rejects"]:
        err.print(f"gold event left out: {reason}", highlight=False)
    for miss in result["misses"][:show_misses]:
        out.print(f"[dim]{miss['id']}[/dim] miss: gold {miss['gold']} {miss['source']}->{miss['target']}, "
                  f"coded {miss['coded'] or '-'}: {miss['text']}", highlight=False)
    for fp in result["false_positives"][:show_misses]:
        out.print(f"[dim]{fp['id']}[/dim] false positive: {fp['coded']} ({fp['cameo']}) {fp['source']}->{fp['target']} "
                  f"'{fp['trigger']}': {fp['text']}", highlight=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
