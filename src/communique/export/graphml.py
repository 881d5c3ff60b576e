"""The actor network as GraphML (Gephi, yEd, networkx) and as node-link JSON (networkx, D3).

Written with the standard library: GraphML needs no extra. Nodes carry their number of
events and degree; edges their weight (events), reports, cooperative and conflictual counts,
mean PLOVER score and categories ("CONSULT:3;AGREE:1").
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from communique.analyse.network import Network

_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("events", "int"), ("degree", "int"))
_EDGE_KEYS = (("weight", "double"), ("mentions", "int"), ("cooperation", "int"), ("conflict", "int"),
              ("score", "double"), ("categories", "string"))


def _categories(c: dict[str, int]) -> str:
    return ";".join(f"{k}:{v}" for k, v in c.items())


def graphml(net: Network) -> ET.ElementTree:
    """The network as a GraphML document (undirected)."""
    ET.register_namespace("", _NS)
    root = ET.Element(f"{{{_NS}}}graphml")
    for scope, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(root, f"{{{_NS}}}key", {"id": f"{scope[0]}_{name}", "for": scope, "attr.name": name,
                                                 "attr.type": kind})
    graph = ET.SubElement(root, f"{{{_NS}}}graph", {"id": "communique", "edgedefault": "undirected"})
    for n in net.nodes:
        node = ET.SubElement(graph, f"{{{_NS}}}node", {"id": n.id})
        for key, value in (("label", n.id), ("events", n.events), ("degree", n.degree)):
            ET.SubElement(node, f"{{{_NS}}}data", {"key": f"n_{key}"}).text = str(value)
    for i, e in enumerate(net.edges):
        edge = ET.SubElement(graph, f"{{{_NS}}}edge", {"id": f"e{i}", "source": e.source, "target": e.target})
        values: dict[str, Any] = {"weight": float(e.events), "mentions": e.mentions, "cooperation": e.cooperation,
                                  "conflict": e.conflict, "score": e.score, "categories": _categories(e.categories)}
        for key, value in values.items():
            if value is not None:
                ET.SubElement(edge, f"{{{_NS}}}data", {"key": f"e_{key}"}).text = str(value)
    return ET.ElementTree(root)


def write_graphml(net: Network, path: Path) -> None:
    """Write the network as a GraphML file."""
    tree = graphml(net)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def node_link(net: Network) -> dict[str, Any]:
    """The network as node-link data (networkx.node_link_graph(data, edges="links") reads it)."""
    return {
        "directed": False, "multigraph": False, "graph": {"name": "communique"},
        "nodes": [{"id": n.id, "events": n.events, "degree": n.degree} for n in net.nodes],
        "links": [{"source": e.source, "target": e.target, "weight": e.events, "mentions": e.mentions,
                   "cooperation": e.cooperation, "conflict": e.conflict, "score": e.score,
                   "categories": e.categories, "events": list(e.event_ids)} for e in net.edges],
    }


def write_network_json(net: Network, path: Path) -> None:
    """Write the network as node-link JSON."""
    path.write_text(json.dumps(node_link(net), ensure_ascii=False, indent=1), encoding="utf-8")
