"""Cross-document, cross-language linking of event mentions into real-world events.

`link()` is the pure linker over `LinkMention` records (communique.link.core explains how);
`communique.link.incremental` runs it over a store, for the mentions a batch added
(`link_pending`) or for everything (`relink`).
"""

from communique.link.core import Link, LinkedEvent, LinkResult, link
from communique.link.rules import LinkMention

__all__ = ["Link", "LinkMention", "LinkResult", "LinkedEvent", "link"]
