#!/usr/bin/env python3
"""Writes the expected readability figures for the Plain English check's acceptance test.

The figures come from an independent implementation of the same formulas: python textstat 0.7.3,
which counts syllables with Liang hyphenation through pyphen. Rounding is turned off
(`textstat.set_rounding(False)`): by default 0.7.3 rounds syllables per word to one decimal,
which moves reading ease by up to 4.

    pip install textstat==0.7.3        # pulls pyphen
    python3 tools/checks/textstat_expected.py

reads Tests/PlannerCoreTests/Fixtures/readability/*.txt and writes expected.tsv beside them
(one line per passage: file, words, sentences, syllables, reading ease, grade). `make test` reads
the committed file and does not need python.
"""
import pathlib
import sys

import textstat
from importlib.metadata import version

if version("textstat") != "0.7.3":
    sys.exit(f"textstat 0.7.3 is needed, found {version('textstat')}: pip install textstat==0.7.3")

textstat.set_rounding(False)
textstat.set_lang("en_US")

root = pathlib.Path(__file__).resolve().parents[2]
folder = root / "Tests/PlannerCoreTests/Fixtures/readability"
rows = ["# file\twords\tsentences\tsyllables\tflesch_reading_ease\tflesch_kincaid_grade"
        f"\t(textstat {version('textstat')}, pyphen {version('pyphen')}, rounding off)"]
for path in sorted(folder.glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    words = textstat.lexicon_count(text)
    if words < 100:
        sys.exit(f"{path.name}: {words} words; every passage needs at least 100")
    rows.append("\t".join([
        path.name,
        str(words),
        str(textstat.sentence_count(text)),
        str(textstat.syllable_count(text)),
        repr(textstat.flesch_reading_ease(text)),
        repr(textstat.flesch_kincaid_grade(text)),
    ]))
(folder / "expected.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"{len(rows) - 1} passages -> {(folder / 'expected.tsv').relative_to(root)}")
