"""The corpus stage on hand-made records, without spaCy: one call from records to entities and relations."""

from __future__ import annotations

from graphkit.resolve import resolve_corpus
from graphkit.types import Argument, Document, DocumentRecords, Mention, Provenance, Triple

A = "Bashar al-Assad met Putin. Assad praised the chemical deal."
B = "Putin called Assad. Then Putin left."


def _name(doc, text, at, label="PERSON", role="subject", sentence=0):
    start = (A if doc == "a" else B).index(text, at)
    return Mention(doc_id=doc, start=start, end=start + len(text), text=text, label=label, role=role,
                   sentence_start=sentence)


def _arg(text, doc_text, at=0, head=None):
    start = doc_text.index(text, at)
    head_start = doc_text.index(head, start) if head else start
    return Argument(text, start, start + len(text), head_start, head_start + len(head or text))


def _records():
    second = A.index("Assad praised")
    said = Triple(_arg("Assad", A, second), "praised", (_arg("the chemical deal", A, head="deal"),), 0.8,
                  Provenance("a", A[second:], second, len(A), "clauses.v1"))
    a = DocumentRecords("a", (0, second), 9, (_name("a", "Bashar al-Assad", 0), _name("a", "Putin", 0, role="object"),
                                              _name("a", "Assad", second, sentence=second)), (said,))
    b = DocumentRecords("b", (0, B.index("Then")), 6, (_name("b", "Putin", 0), _name("b", "Assad", 0, role="object")), ())
    return [a, b]


def test_records_in_entities_and_relations_out():
    documents = [Document(id="a", text=A), Document(id="b", text=B)]
    result = resolve_corpus(documents, _records())
    by_label = {e.label: e for e in result.entities}
    assert {m.doc_id for m in by_label["Bashar al-Assad"].mentions} == {"a", "b"}  # the only Assad of the corpus
    assert len(by_label["Putin"].mentions) == 3  # the second Putin of b was found by propagation
    (relation,) = result.relations
    assert (relation.subject_id, relation.object_id) == (by_label["Bashar al-Assad"].id, "concept/chemical-deal")
    assert result.mentions == sum(len(e.mentions) for e in result.entities)


def test_the_order_of_documents_and_records_does_not_matter():
    documents = [Document(id="a", text=A), Document(id="b", text=B)]
    assert resolve_corpus(documents, _records()) == resolve_corpus(documents[::-1], _records()[::-1])
