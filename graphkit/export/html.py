"""``graph.html``: an interactive, self-contained page drawn by pyvis (vis-network).

pyvis's ``cdn_resources="in_line"`` inlines vis-network but still links
Bootstrap from a CDN; those links are removed so the page works with the
network off. Nodes are coloured by type and sized by mentions; hovering shows
aliases and evidence; relations are labelled arrows, dashed when negated; a
checkbox hides or shows the concept nodes, leaving the actors; pyvis's search
menu (tom-select, inlined) highlights a node's neighbourhood.

Names and sentences are untrusted text, and the page shows them as text only.
The data is embedded as JSON with ``<``, ``>``, ``&`` and ``'`` escaped (pyvis's
``tojson``), so nothing in it can close the ``<script>``. Tooltips never go
through pyvis as ``title`` strings: a ``title`` containing "href" switches
pyvis to a template that writes titles into ``innerHTML``. They travel as
``tooltip``, and just before the network is created each becomes a ``<div>``
filled with ``textContent``, which vis-network shows as it is.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

from pyvis.network import Network

from graphkit.graph import KnowledgeGraph

TYPE_COLOURS = {
    "PERSON": "#e15759",
    "ORG": "#4e79a7",
    "GPE": "#59a14f",
    "NORP": "#b07aa1",
    "LOC": "#76b7b2",
    "FAC": "#edc948",
    "CONCEPT": "#bab0ac",
}
_REMOTE_TAG = re.compile(
    r"<link\b[^>]*href=\"https?://[^\"]*\"[^>]*/?>|<script\b[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
_EMPTY_HEADING = re.compile(r"\s*<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
_TEMPLATE_COMMENT = re.compile(r"<!--(?:(?!-->).)*node_modules(?:(?!-->).)*-->", re.DOTALL)


_CONCEPT_CHECKBOX = '<label style="margin-left:1em"><input type="checkbox" id="show-concepts" checked> show concepts</label>'
_CONCEPT_TOGGLE = """<script>
document.getElementById("show-concepts").addEventListener("change", function (event) {
  var concepts = nodes.get({filter: function (node) { return node.kind === "CONCEPT"; }});
  nodes.update(concepts.map(function (node) { return {id: node.id, hidden: !event.target.checked}; }));
});
</script>"""
_NETWORK_CREATED = "network = new vis.Network(container, data, options);"
_TEXT_TOOLTIPS = """[nodes, edges].forEach(function (items) {
                    items.update(items.get().map(function (item) {
                      var box = document.createElement("div");
                      box.style.whiteSpace = "pre-wrap";
                      box.style.maxWidth = "40em";
                      box.textContent = item.tooltip;
                      return {id: item.id, title: box};
                    }));
                  });
                  """


def _legend(types: list[str]) -> str:
    """Colour key of the node types, with the concept checkbox when there are concepts."""
    items = "".join(
        f'<span style="margin-right:1em"><span style="display:inline-block;width:0.8em;height:0.8em;'
        f'border-radius:50%;background:{TYPE_COLOURS.get(t, "#999")}"></span> {html.escape(t.lower())}</span>'
        for t in types
    )
    toggle = _CONCEPT_CHECKBOX if "CONCEPT" in types else ""
    return f'<div id="legend" style="font:14px sans-serif;padding:4px 8px">{items}{toggle}</div>'


def render_html(graph: KnowledgeGraph, title: str = "graphkit") -> str:
    """The page as a string: no external resources, same bytes for the same graph."""
    net = Network(height="80vh", width="100%", directed=True, cdn_resources="in_line", heading="", select_menu=True)
    nx_graph = graph.to_networkx()
    for node_id, data in nx_graph.nodes(data=True):
        tooltip = [data["label"], f"type: {data['type'].lower()}", f"mentions: {data['mentions']}"]
        if data["aliases"]:
            tooltip.append("also: " + data["aliases"].replace("|", ", "))
        concept = data["type"] == "CONCEPT"
        net.add_node(
            node_id,
            label=data["label"],
            tooltip="\n".join(tooltip),
            color=TYPE_COLOURS.get(data["type"], "#999999"),
            size=(8 if concept else 14) + 6 * math.log1p(data["mentions"]),
            shape="dot",
            font={"size": 14 if concept else 22},
            kind=data["type"],
        )
    for source, target, data in nx_graph.edges(data=True):
        evidence = data["evidence"].split(" | ")
        tooltip = [f"{data['relation']} (confidence {data['confidence']:.2f}, {data['weight']}x)"]
        if data["attributed_to"]:
            tooltip.append(f"according to: {data['attributed_to']}")
        tooltip.extend(f"- {sentence}" for sentence in evidence[:5])
        net.add_edge(
            source,
            target,
            label=data["relation"],
            tooltip="\n".join(tooltip),
            width=1 + math.log1p(data["weight"]),
            dashes=bool(data["negated"]),
            arrows="to",
            font={"size": 12, "color": "#555555"},
        )
    net.barnes_hut(gravity=-4000, central_gravity=0.8, spring_length=110)
    page = net.generate_html()
    page = _REMOTE_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _TEMPLATE_COMMENT.sub("", page)
    types = sorted({data["type"] for _, data in nx_graph.nodes(data=True)})
    header = f"<title>{html.escape(title)}</title>"
    page = page.replace("<head>", "<head>\n        " + header, 1)
    page = page.replace("<body>", "<body>\n" + _legend(types), 1)
    data_and_code, created, handlers = page.rpartition(_NETWORK_CREATED)  # the last: a name may hold the same words
    if not created:
        raise RuntimeError(f"pyvis's page no longer creates the network with {_NETWORK_CREATED!r}")
    page = data_and_code + _TEXT_TOOLTIPS + created + handlers
    if "CONCEPT" in types:
        page = page.replace("</body>", _CONCEPT_TOGGLE + "\n</body>", 1)
    return page


def write_html(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write ``graph.html``."""
    Path(path).write_text(render_html(graph), encoding="utf-8")
