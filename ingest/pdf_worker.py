"""Extract text from one PDF; run as a child process so a hostile PDF can only hurt the child.

Prints the text on stdout with ``<!-- p. N -->`` markers before each page.
"""

from __future__ import annotations

import sys


def main(path: str) -> int:
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    out = sys.stdout
    for i, page in enumerate(reader.pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # one broken page must not lose the others
            text = f"[page {i} could not be read: {type(exc).__name__}]"
        out.write(f"<!-- p. {i} -->\n\n{text.strip()}\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
