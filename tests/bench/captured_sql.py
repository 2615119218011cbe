#!/usr/bin/env python3
"""The SQL Puente sent for one request, read from PostgreSQL's log (log_statement = all), as a
pgbench script: every statement between the markers `select 'puente-bench:begin:NAME'` and
`select 'puente-bench:end:NAME'`, with its bound parameters written in, one per line.

    captured_sql.py LOGFILE OFFSET NAME > NAME.sql

OFFSET is the log's size in bytes before the capture began. It prints on standard error how many
statements it found. Statements of Puente's own background work that fall in the window (the
e-mail outbox being leased and delivered) are left out; the request's own outbox rows are kept.
"""

import re
import sys

ENTRY = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] \S* ?(LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING):  (.*)$"
)
STATEMENT = re.compile(r"^(?:statement|execute [^:]+): (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")


def entries(text):
    """(pid, level, message) for each log entry, continuation lines joined."""
    current = None
    for line in text.splitlines():
        match = ENTRY.match(line)
        if match:
            if current:
                yield current
            current = [match.group(1), match.group(2), match.group(3)]
        elif current and line.startswith("\t"):
            current[2] += "\n" + line[1:]
    if current:
        yield current


def bound(sql, detail):
    values = {int(n): value for n, value in PARAMETER.findall(detail or "")}
    for n in sorted(values, reverse=True):
        sql = re.sub(r"\$%d(?!\d)" % n, lambda _: values[n], sql)
    return sql


def background(sql):
    lowered = sql.lower()
    return "outbox" in lowered and not lowered.lstrip().startswith("insert")


def main():
    path, offset, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        text = log.read()
    inside = False
    statements = []  # [pid, sql, detail]
    for pid, level, message in entries(text):
        if f"puente-bench:begin:{name}'" in message:
            inside = True
            continue
        if f"puente-bench:end:{name}'" in message:
            break
        if not inside or "puente-bench:" in message:
            continue
        if level == "LOG":
            match = STATEMENT.match(message)
            if match:
                statements.append([pid, match.group(1), None])
        elif level == "DETAIL" and message.lower().startswith("parameters:"):
            for statement in reversed(statements):
                if statement[0] == pid:
                    statement[2] = message
                    break
    kept = [bound(sql, detail) for _, sql, detail in statements]
    kept = [sql for sql in kept if not background(sql)]
    for sql in kept:
        print(" ".join(sql.split()) + ";")
    print(f"{name}: {len(kept)} statements", file=sys.stderr)


if __name__ == "__main__":
    main()
