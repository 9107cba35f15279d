"""HTML → Markdown-shaped text (headings, paragraphs, lists, tables), then the Markdown parser.

Offsets of HTML documents refer to this converted text, which is what is stored and quoted.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "dt", "dd"}
_DROP = ["script", "style", "noscript", "template", "head", "nav", "footer", "iframe", "svg"]


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def html_to_markdown(html: str) -> tuple[str, str | None]:
    """Return (markdown_text, title). Hidden elements are dropped: they are not what a reader sees."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(strip=True) if soup.title else None
    for tag in soup(_DROP):
        tag.decompose()
    for tag in soup.select(
        '[hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"]'
    ):
        tag.decompose()
    out: list[str] = []
    root = soup.body or soup
    for el in root.find_all(True):
        if not isinstance(el, Tag) or el.name not in _BLOCK_TAGS:
            continue
        if el.find_parent(_BLOCK_TAGS - {"tr"}) is not None and el.name != "tr":
            continue  # nested block: its text is already in the parent
        if el.name.startswith("h") and len(el.name) == 2:
            txt = _text(el)
            if txt:
                out.append(f"{'#' * int(el.name[1])} {txt}")
        elif el.name == "li":
            txt = _text(el)
            if txt:
                out.append(f"- {txt}")
        elif el.name == "tr":
            cells = [_text(c).replace("|", "/") for c in el.find_all(["th", "td"])]
            if any(cells):
                line = "| " + " | ".join(cells) + " |"
                if el.find("th") is not None and not any(o.startswith("|") for o in out[-1:]):
                    out.append(line)
                    out.append("|" + " --- |" * len(cells))
                else:
                    out.append(line)
        else:
            txt = _text(el)
            if txt:
                out.append(txt)
    if not out:
        loose = " ".join(s.strip() for s in root.find_all(string=True) if isinstance(s, NavigableString))
        out = [" ".join(loose.split())]
    text = ""
    for i, line in enumerate(out):
        # Table rows must stay on consecutive lines to read as one Markdown table.
        sep = "\n" if i and line.startswith("|") and out[i - 1].startswith("|") else "\n\n"
        text += (sep if i else "") + line
    return text + "\n", title
