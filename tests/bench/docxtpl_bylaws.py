"""The bylaws drafted by docxtpl (the DOCX engine behind docassemble), for comparison with
Puente's renderer. Reads the facts as JSON on standard input (as Puente's templates see them) and
Puente's own bylaws template (templates/documents/_estatutos.md), turns the template into an
equivalent Word template with Jinja tags (headings as Word headings, numbered articles,
conditional paragraphs as `{%p if %}`, the first board as a loop of paragraphs), then renders it
ROUNDS times on one core and prints the throughput.

    python3 tests/bench/docxtpl_bylaws.py ROUNDS < facts.json
"""

import io
import json
import re
import sys
import time

from docx import Document
from docxtpl import DocxTemplate

ORDINALS = ["primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno"]
TENS = ["", "décimo", "vigésimo", "trigésimo", "cuadragésimo"]


def ordinal(n):
    tens, units = divmod(n, 10)
    words = [TENS[tens]] if tens else []
    if units:
        words.append(ORDINALS[units - 1])
    return " ".join(words).upper()


def word_template(markdown):
    """An equivalent .docx template: the same paragraphs, headings and conditions."""
    document = Document()
    article = chapter = 0
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or line.startswith("{#") or line.endswith("-#}") or line.startswith("|---"):
            continue
        # Block tags become paragraph tags; tera's whitespace dashes are Jinja's too.
        block = re.fullmatch(r"\{%-?\s*(if .*?|else|endif|for .*?|endfor)\s*-?%\}", line)
        if block:
            document.add_paragraph("{%p " + block.group(1).strip() + " %}")
            continue
        line = line.replace("{%-", "{%").replace("-%}", "%}")
        if line.startswith("## Capítulo:"):
            chapter += 1
            document.add_heading(f"CAPÍTULO {ordinal(chapter)}. {line[12:].strip()}", level=1)
        elif line.startswith("## "):
            document.add_heading(line[3:], level=1)
        elif line.startswith("### "):
            article += 1
            title = line.split(":", 1)[1].strip()
            document.add_heading(f"ARTÍCULO {ordinal(article)}. {title}", level=2)
        elif line.startswith("| Cargo"):
            document.add_paragraph("{%p for a in asociados %}")
            document.add_paragraph("{{ a.cargo }}: {{ a.nombre }}")
            document.add_paragraph("{%p endfor %}")
        elif line.startswith("{% for a in asociados %}") or line == "{% endif %}{% endfor %}":
            continue  # the rows of the board's table, drawn by the loop above
        else:
            text = re.sub(r"^\d+\. ", "", line).replace("**", "")
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def inlined(path):
    """The template at `path` with its `{% include "…" %}` lines replaced by the files they name
    (the bylaws include the powers, `_poderes.md`)."""
    folder = path.rsplit("/", 1)[0]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return re.sub(
        r'\{%-?\s*include\s+"([^"]+)"\s*-?%\}',
        lambda m: inlined(f"{folder}/{m.group(1)}"),
        text,
    )


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    facts = json.load(sys.stdin)
    template = word_template(inlined("templates/documents/_estatutos.md"))
    # One render to check it works (and to warm up).
    DocxTemplate(io.BytesIO(template)).render(facts)
    start = time.perf_counter()
    for _ in range(rounds):
        doc = DocxTemplate(io.BytesIO(template))
        doc.render(facts)
        out = io.BytesIO()
        doc.save(out)
    elapsed = time.perf_counter() - start
    print(f"docxtpl_bylaws_per_second {rounds / elapsed:.1f} ({rounds} in {elapsed:.2f} s, {len(out.getvalue())} bytes)")


if __name__ == "__main__":
    main()
