#!/usr/bin/env python3
"""check_citations.py — every document the code cites is in the repository.

Usage: check_citations.py SOURCE_ROOT.  Scans the sources, tests, tools,
benchmarks, shaders, lessons and build files for citations of the design
documents ("docs/CLI.md §2.3, §6", "docs/ARCHITECTURE.md §1") and fails when a
cited file or section (a "## N." or "### N.M" heading) does not exist, or when
anything still cites the specification that lives outside the repository
("SPEC §N") or a path outside it ("../shared").
"""
import os
import re
import sys

ROOT = sys.argv[1]
SCANNED = ["src", "tests", "tools", "bench", "shaders", "lessons", "meson.build", ".ci"]
SUFFIXES = (".c", ".h", ".py", ".sh", ".build", ".glsl", ".lua", ".md", "run")
CITATION = re.compile(r"(docs/[A-Za-z_]+\.md)((?:,?\s*§\d+(?:\.\d+)*)*)")
OUTSIDE = re.compile(r"SPEC §|SPEC's|\.\./shared|shared/SPEC")
HEADING = re.compile(r"^#{2,3} (\d+(?:\.\d+)*)\.? ")


def sections(path):
    with open(path, encoding="utf-8") as f:
        return {m.group(1) for m in map(HEADING.match, f) if m}


def scanned_files():
    for top in SCANNED:
        path = os.path.join(ROOT, top)
        if os.path.isfile(path):
            yield path
        for folder, _, names in os.walk(path):
            for name in sorted(names):
                full = os.path.join(folder, name)
                # itself: its patterns would match
                if name.endswith(SUFFIXES) and "corpus" not in folder and \
                        os.path.abspath(full) != os.path.abspath(__file__):
                    yield full


problems = []
known = {}
count = 0
for path in scanned_files():
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    where = os.path.relpath(path, ROOT)
    for number, line in enumerate(lines, 1):
        if OUTSIDE.search(line):
            problems.append(f"{where}:{number}: cites a document outside the repository: {line.strip()}")
        for m in CITATION.finditer(line):
            count += 1
            doc = m.group(1)
            if doc not in known:
                full = os.path.join(ROOT, doc)
                known[doc] = sections(full) if os.path.isfile(full) else None
            if known[doc] is None:
                problems.append(f"{where}:{number}: cites {doc}, which does not exist")
                continue
            for section in re.findall(r"§(\d+(?:\.\d+)*)", m.group(2)):
                if section not in known[doc]:
                    problems.append(f"{where}:{number}: cites {doc} §{section}, which has no such section")

for problem in problems:
    print(problem)
if not problems:
    print(f"{count} citations of {len(known)} documents, every one found")
sys.exit(1 if problems else 0)
