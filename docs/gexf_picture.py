"""Draw a ``graph.gexf`` as its own layout says: the picture in the README's "Open in Gephi".

Gephi cannot run here, so this is not a Gephi screenshot: it draws what Gephi
reads from the file before any layout is run in it, each node at its
``position``, in its ``color`` and ``size``, each edge in its colour, with
labels on the largest actors (Gephi hides labels until asked). Gephi's y axis
points up, as matplotlib's does.

    pip install '.[bench]'
    graphkit build seeds/ -o output/
    python docs/gexf_picture.py output/graph.gexf docs/gephi.png
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {"g": "http://gexf.net/1.3"}


def read_drawing(path: Path) -> tuple[dict[str, dict], list[dict]]:
    """The nodes (position, size, colour, label, type) and edges (ends, colour) of a GEXF 1.3 file."""
    root = ET.parse(path).getroot()
    nodes = {}
    for node in root.iterfind("g:graph/g:nodes/g:node", NS):
        types = [v.get("value") for v in node.iterfind("g:attvalues/g:attvalue[@for='type']", NS)]
        position, size, colour = (node.find(f"g:{name}", NS) for name in ("position", "size", "color"))
        nodes[node.get("id")] = {
            "label": node.get("label"),
            "type": types[0] if types else "",
            "xy": (float(position.get("x")), float(position.get("y"))),
            "size": float(size.get("value")),
            "colour": tuple(int(colour.get(c)) / 255 for c in "rgb"),
        }
    edges = []
    for edge in root.iterfind("g:graph/g:edges/g:edge", NS):
        colour = edge.find("g:color", NS)
        edges.append({"source": edge.get("source"), "target": edge.get("target"),
                      "colour": tuple(int(colour.get(c)) / 255 for c in "rgb")})
    return nodes, edges


def draw(gexf: Path, png: Path, labels: int = 40) -> None:
    """Write the picture of ``gexf`` to ``png``, naming the ``labels`` largest actors."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Circle

    nodes, edges = read_drawing(gexf)
    figure, axes = plt.subplots(figsize=(10, 10), dpi=110)
    lines = [(nodes[e["source"]]["xy"], nodes[e["target"]]["xy"]) for e in edges]
    axes.add_collection(LineCollection(lines, colors=[e["colour"] for e in edges], linewidths=1.2, alpha=0.7, zorder=1))
    for node in nodes.values():
        axes.add_patch(Circle(node["xy"], node["size"], facecolor=node["colour"], edgecolor="white", linewidth=0.6,
                              zorder=2))
    actors = sorted((n for n in nodes.values() if n["type"] != "CONCEPT"), key=lambda n: (-n["size"], n["label"]))
    for node in actors[:labels]:
        x, y = node["xy"]
        axes.annotate(node["label"], (x, y + node["size"]), ha="center", va="bottom", fontsize=8, zorder=3)
    axes.set_aspect("equal")
    axes.autoscale_view()
    axes.margins(0.05)
    axes.set_axis_off()
    axes.set_title(f"{gexf.name}: {len(nodes)} nodes, {len(edges)} edges, drawn from the file's own layout "
                   "(not a Gephi screenshot)", fontsize=10)
    figure.tight_layout()
    figure.savefig(png, metadata={"Software": None})
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gexf", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--labels", type=int, default=40, help="how many of the largest actors to name (default 40)")
    args = parser.parse_args()
    draw(args.gexf, args.png, args.labels)
    print(f"wrote {args.png}")


if __name__ == "__main__":
    main()
