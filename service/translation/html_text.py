"""HTML in, HTML out: translate the text between the tags and keep the markup as written.

Parsed with Beautiful Soup on Python's own `html.parser`, which adds no `<html>`/`<body>`
around a fragment. Text inside `<script>`, `<style>`, `<code>`, `<pre>`, `<textarea>` and
`<template>`, comments and declarations are left alone; every other text node is translated
on its own with its surrounding whitespace kept, so inline markup (`<b>`, `<a href>`) stays
where it was. The output keeps attribute order and writes void elements as `<br>`; entities
come out as `&amp;`, `&lt;`, `&gt;` where needed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag
from bs4.formatter import HTMLFormatter

_LEFT_ALONE = frozenset({"script", "style", "code", "pre", "textarea", "template"})
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)


class _AsWritten(HTMLFormatter):
    """Attributes in their original order (Beautiful Soup sorts them by default)."""

    def attributes(self, tag: Tag) -> Iterable[tuple[str, str | None]]:
        return [(key, _attribute(value)) for key, value in tag.attrs.items()]


def _attribute(value: object) -> str | None:
    """A value as written: a multi-valued one (class="a b") is a list to Beautiful Soup."""
    if value is None:
        return None
    if isinstance(value, list):
        return " ".join(str(part) for part in value)
    return str(value)


_FORMATTER = _AsWritten(
    entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=""
)


def text_nodes(soup: BeautifulSoup) -> list[NavigableString]:
    """The translatable text nodes of a parsed document, in document order."""
    nodes = []
    for node in soup.find_all(string=True):
        if not isinstance(node, NavigableString) or isinstance(node, _NOT_TEXT):
            continue
        if any(parent.name in _LEFT_ALONE for parent in node.parents):
            continue
        if node.strip():
            nodes.append(node)
    return nodes


def visible_text(html: str) -> str:
    """The text a reader sees (the translatable text nodes), one node a line."""
    return "\n".join(str(node).strip() for node in text_nodes(BeautifulSoup(html, "html.parser")))


def translate_html(html: str, translate: Callable[[list[str]], list[str]]) -> str:
    """`html` with each text node replaced by `translate`'s output for it (one call).

    `translate` gets the texts without their surrounding whitespace, one output per text.
    """
    soup = BeautifulSoup(html, "html.parser")
    nodes = text_nodes(soup)
    if not nodes:
        return html
    outputs = translate([str(node).strip() for node in nodes])
    for node, output in zip(nodes, outputs, strict=True):
        raw = str(node)
        lead, trail = raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()) :]
        node.replace_with(NavigableString(f"{lead}{output}{trail}"))
    return str(soup.decode(formatter=_FORMATTER))
