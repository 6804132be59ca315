"""How the corpus stage's time grows with the corpus: synthetic records at 1x, 4x and 16x.

    python benchmarks/resolve_scaling.py            # 250, 1,000 and 4,000 documents
    python benchmarks/resolve_scaling.py --base 100 --factors 1 2 4 8

No spaCy: the documents, their mentions and their triples are made by hand from
templates, the way the per-document stage would make them, so only resolution
is timed (:func:`graphkit.resolve.resolve_corpus`: both rule passes, name
propagation, concepts and relations), and the rule table alone
(:func:`graphkit.resolve.resolver.resolve`). The cast grows with the corpus, as
in real news: more documents, more people, and the same surnames shared by
several of them ("Assad", "Kim"), which is what made the surname rule quadratic.
Near-linear means the time per document stays about flat from row to row.
Timings are printed, never asserted (tests do not time anything).
"""

from __future__ import annotations

import argparse
import random
import time

from graphkit.resolve.gazetteer import load_gazetteer
from graphkit.resolve.resolver import resolve
from graphkit.types import Argument, Document, Mention, Provenance, Triple

try:
    from graphkit.types import DocumentRecords
except ImportError:  # an older graphkit, before the two stages: the same fields, for timing its rules
    from collections import namedtuple

    DocumentRecords = namedtuple("DocumentRecords", "doc_id sentence_starts words mentions triples")

SYLLABLES = ("ka", "lo", "mi", "ra", "su", "te", "vo", "ni", "da", "pe", "zu", "ba", "go", "ri", "sha", "tu")
NOUNS = ("strike", "deal", "summit", "sanction", "talk", "border", "vote", "reform", "budget", "attack")
COUNTRIES = ("Russia", "France", "Germany", "Syria", "China", "Japan", "Brazil", "Kenya")


def word(i: int, length: int = 3) -> str:
    """A capitalised made-up word, one per number: never a real name the dictionaries know."""
    parts = []
    for _ in range(length):
        parts.append(SYLLABLES[i % len(SYLLABLES)])
        i //= len(SYLLABLES)
    return "".join(parts).capitalize() + "x"


class _Writer:
    """Builds one document's text sentence by sentence, with its mentions and triples at their offsets."""

    def __init__(self, doc_id: str):
        self.doc_id, self.text, self.mentions, self.triples, self.starts = doc_id, "", [], [], []

    def sentence(self, *parts: tuple[str, str, str, str, tuple[str, ...]] | str) -> None:
        """Append a sentence of plain strings and (text, label, kind, role, roles) mentions."""
        start = len(self.text)
        self.starts.append(start)
        spans = []
        for part in parts:
            if isinstance(part, str):
                self.text += part
                continue
            text, label, kind, role, roles = part
            at = len(self.text)
            self.text += text
            spans.append((at, text, label))
            if kind != "np":
                self.mentions.append(Mention(doc_id=self.doc_id, start=at, end=at + len(text), text=text, label=label,
                                             kind=kind, role=role, sentence_start=start, roles=roles))
        self.text += ". "
        end = len(self.text) - 1
        if len(spans) >= 2:  # subject and object of the sentence's one triple
            (s_at, s_text, _), (o_at, o_text, _) = spans[0], spans[-1]
            head = o_text.split()[-1]
            provenance = Provenance(self.doc_id, self.text[start:end], start, end, "clauses.v1")
            self.triples.append(Triple(
                subject=Argument(s_text, s_at, s_at + len(s_text), s_at, s_at + len(s_text)),
                relation="said", args=(Argument(o_text, o_at, o_at + len(o_text), o_at + len(o_text) - len(head),
                                                o_at + len(o_text)),),
                confidence=0.8, provenance=provenance))


def corpus(documents: int, seed: int = 7) -> tuple[list[Document], list[DocumentRecords]]:
    """``documents`` synthetic news items; the cast (people, organisations) grows with their number."""
    rng = random.Random(seed)
    people = [(word(i, 2), word(i * 7 + 3, 3)) for i in range(documents // 2 + 20)]
    surnames = [last for _, last in people]
    people += [(word(i + 5000, 2), surnames[i]) for i in range(0, len(surnames), 5)]  # shared surnames
    organisations = [(f"{word(i + 900, 2)} {word(i + 1900, 2)} Council", None) for i in range(documents // 4 + 5)]
    docs, records = [], []
    for n in range(documents):
        doc_id = f"doc-{n:06d}"
        w = _Writer(doc_id)
        cast = rng.sample(people, 4)
        org = rng.choice(organisations)[0]
        acronym = "".join(part[0] for part in org.split())
        country = rng.choice(COUNTRIES)
        first, second = (f"{a} {b}" for a, b in cast[:2])
        w.sentence((first, "PERSON", "name", "subject", ("title:president",)), " met ",
                   (second, "PERSON", "name", "object", ()), " in ", (country, "GPE", "name", "object", ()))
        w.sentence((cast[0][1], "PERSON", "name", "subject", ()), " said the ",
                   (f"{rng.choice(NOUNS)} {rng.choice(NOUNS)}", "", "np", "object", ()), " was over")
        w.sentence(("He", "PERSON", "pronoun", "subject", ()), " praised the ", (org, "ORG", "name", "object", ()),
                   " (", (acronym, "ORG", "name", "other", ("bracketed",)), ")")
        w.sentence(("The president", "PERSON", "title", "subject", ()), " thanked ", (acronym, "ORG", "name", "object", ()))
        for a, b in cast[2:]:
            w.sentence((f"{a} {b}", "PERSON", "name", "subject", ()), " warned ", (b, "PERSON", "name", "object", ()))
            w.sentence((b, "PERSON", "name", "subject", ()), " rejected the ",
                       (f"{rng.choice(NOUNS)} {rng.choice(NOUNS)}", "", "np", "object", ()))
        w.sentence((cast[1][1], "PERSON", "name", "subject", ()), " visited ", (country, "GPE", "name", "object", ()))
        absent = rng.choice(people)[1]  # a bare surname whose full name is in other documents only
        w.sentence((absent, "PERSON", "name", "subject", ()), " was absent")
        docs.append(Document(id=doc_id, text=w.text))
        records.append(DocumentRecords(doc_id=doc_id, sentence_starts=tuple(w.starts), words=len(w.text.split()),
                                       mentions=tuple(w.mentions), triples=tuple(w.triples)))
    return docs, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=250, help="documents at 1x (default 250)")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16], help="sizes, as multiples of --base")
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    try:
        from graphkit.resolve import resolve_corpus
    except ImportError:  # an older graphkit: time the rule table alone
        resolve_corpus = None
    print(f"{'size':>5} {'documents':>9} {'mentions':>9} {'rules s':>8} {'corpus s':>9} {'ms/doc':>7}")
    for factor in args.factors:
        docs, records = corpus(args.base * factor)
        mentions = [m for r in records for m in r.mentions]
        started = time.perf_counter()
        resolve(mentions, gazetteer)
        rules = time.perf_counter() - started
        whole = float("nan")
        if resolve_corpus is not None:
            started = time.perf_counter()
            resolve_corpus(docs, records, gazetteer)
            whole = time.perf_counter() - started
        per_doc = 1000 * (whole if resolve_corpus is not None else rules) / len(docs)
        print(f"{factor:>4}x {len(docs):>9,} {len(mentions):>9,} {rules:>8.2f} {whole:>9.2f} {per_doc:>7.2f}")


if __name__ == "__main__":
    main()
