"""Typed records that flow through the pipeline.

Every record is a frozen, slotted dataclass that holds character offsets into
its document's text and plain strings, never spaCy objects, so records outlive
the parse, pickle across processes and serialise.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """One source document.

    ``text`` is the document's full text as read; ``body_start``/``body_end``
    delimit the part that is parsed into sentences (a ``.txt`` file's title line
    and trailing byline are metadata, not sentences). All offsets elsewhere are
    character offsets into ``text``.
    """

    id: str
    text: str
    source: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    author: str = ""
    body_start: int = 0
    body_end: int = -1

    @property
    def body(self) -> str:
        """The part of ``text`` that holds the sentences."""
        end = len(self.text) if self.body_end < 0 else self.body_end
        return self.text[self.body_start : end]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a statement was read: the document, the sentence and what read it."""

    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    extractor: str


@dataclass(frozen=True, slots=True)
class Argument:
    """An argument of an extraction: its words and the offsets of its syntactic head.

    ``head`` lets entity linking find the actor an argument is about
    ("the Kremlin's ally Bashar Assad" is about Assad, not the Kremlin).
    ``kind`` is ``np`` (a noun phrase, which may become a concept node),
    ``pronoun``, ``clause`` or ``other`` (adjectives, adverbs).
    ``text`` is the argument as a reader would quote it; it may leave out words
    of the sentence between ``start`` and ``end`` (a relative clause, say).
    ``inner`` holds, best first, ``(start, end, rule)`` of the words inside the
    phrase that may name the actor it is about when its head names none: "a
    United Nations resolution" (``compound``), "the Kremlin's plans"
    (``possessive``), "the forces of Assad" (``of-phrase``), "the UN envoy"
    (``role-noun``: the envoy acts for the UN), "an attack against Syria"
    (``against``). The corpus stage takes the first that resolved to an actor
    and names its rule in the relation's provenance. ``kind`` ``location`` is set
    there too, on an object that is only where something happened ("visits
    Manchester").
    """

    text: str
    start: int
    end: int
    head_start: int
    head_end: int
    kind: str = "np"
    inner: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Triple:
    """One extraction: subject, relation, object and any further arguments.

    ``args`` holds the object first, then prepositional or temporal arguments
    in sentence order (CaRB's arg2, arg3, ...). ``attributed_to`` is set when
    the statement is reported speech: the speaker asserts it, the article does not.
    ``when`` is the sentence's time expression that dates the event ("last
    week", "on Wednesday", "since 2013"): its text and offsets, resolved to a
    date in the corpus stage.
    ``relation_lemma`` is ``role`` for an office its subject holds in its object
    ("Russia's foreign minister Sergei Lavrov": Lavrov is foreign minister of
    Russia) and ``member_of`` for membership ("Labour MP Jane Smith"); neither is
    an event between the two actors (event type OTHER). Event nouns give their
    verb's lemma ("Tillerson's trip to Moscow": ``visit``).
    """

    subject: Argument
    relation: str
    args: tuple[Argument, ...]
    confidence: float
    provenance: Provenance
    negated: bool = False
    modal: str = ""
    attributed_to: Argument | None = None
    relation_lemma: str = ""
    when: Argument | None = None

    @property
    def object(self) -> Argument | None:
        """The first argument after the relation, if any."""
        return self.args[0] if self.args else None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names or refers to an actor.

    ``kind`` says how it was found: ``name`` (spaCy's NER), ``pronoun``,
    ``title`` (a role such as "the President") or ``concept`` (a non-entity
    argument). ``label`` is the entity type guessed for it (PERSON, ORG, GPE, ...).
    ``role`` is its syntactic role (``subject``, ``possessor``, ``object``,
    ``other``), which decides metonymy and pronoun antecedents; ``sentence_start``
    is the offset of its sentence. ``roles`` are offices the text states right
    before a name ("US President Donald Trump": ``country:USA``, ``title:president``).
    ``quoted`` is true inside quotation marks: the "he" of '"...", he said' is
    never someone the quotation names.
    """

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    kind: str = "name"
    role: str = ""
    sentence_start: int = 0
    roles: tuple[str, ...] = ()
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A node of the graph: every mention of one real-world actor or concept.

    ``id`` is derived from ``type`` and ``label`` only, so it is stable across
    runs. ``aliases`` maps each surface form to how often it was seen;
    ``merges`` records why mentions were merged (rule names, with counts).
    """

    id: str
    label: str
    type: str
    mentions: tuple[Mention, ...]
    aliases: tuple[tuple[str, int], ...] = field(default=())
    merges: tuple[tuple[str, int], ...] = field(default=())

    @property
    def alias_names(self) -> list[str]:
        """Surface forms other than the label, most frequent first."""
        return [name for name, _ in self.aliases if name != self.label]


@dataclass(frozen=True, slots=True)
class Relation:
    """An extraction and the nodes its subject and first argument resolved to.

    An id is empty when that argument names no node (an unresolved pronoun,
    a clause); such relations are kept as evidence but are not edges.
    ``speaker_id`` and ``speaker`` name who asserts a reported statement: the
    node and label the speaker resolved to ("He" -> person/trump, "Trump"), or
    an empty id and the speaker's words when it resolved to none.
    ``event`` is the PLOVER event type and ``intensity`` its Goldstein value
    (-10..+10), set only when both ends are actors (``None``/"" otherwise, and
    ``None`` for OTHER); ``date`` is the document's date and ``event_date`` the
    date the sentence gives the event, ISO 8601 as precise as stated
    (:mod:`graphkit.graph.events`).
    """

    triple: Triple
    subject_id: str
    object_id: str
    speaker_id: str = ""
    speaker: str = ""
    event: str = ""
    intensity: float | None = None
    date: str = ""
    event_date: str = ""


@dataclass(frozen=True, slots=True)
class DocumentRecords:
    """All the per-document stage keeps of one parsed document, for the corpus stage.

    The offsets of its sentences, its count of words, the mentions of actors
    and the triples found in it: plain records, no spaCy object, so they
    pickle, cache and travel between processes.
    """

    doc_id: str
    sentence_starts: tuple[int, ...]
    words: int
    mentions: tuple[Mention, ...]
    triples: tuple[Triple, ...]
