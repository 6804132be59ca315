"""Finding the mentions of actors in a parsed paragraph.

Names come from spaCy's NER (people, organisations, places), trimmed of
articles and possessive endings; a hyphenated pair of known people
("the Tillerson-Lavrov talks") is split into two mentions. Personal pronouns
are kept as ``pronoun`` mentions, and roles tied to a country ("the Syrian
president", "Russia's foreign minister") as ``title`` mentions, for the resolver
to attach to an entity; neither ever becomes a node of its own.
"""

from __future__ import annotations

from bisect import bisect_right

from graphkit.lexicon import (
    ACTOR_TYPES,
    ARTICLES,
    FIRST_PERSON_PRONOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    OFFICE_WORDS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    PLURAL_PRONOUNS,
    REPORTING_VERBS,
    STAFF_NOUNS,
)
from graphkit.nlp.parse import ParsedParagraph
from graphkit.nlp.tokens import Phrase, Word, entity_tokens, phrase_of, words_of
from graphkit.resolve.aliases import UserAliases
from graphkit.resolve.fragments import LONGEST_HEADLINE, fragment_reason
from graphkit.resolve.gazetteer import load_gazetteer
from graphkit.resolve.names import normalize
from graphkit.resolve.parties import load_parties
from graphkit.text import grapheme_span, is_grapheme_boundary
from graphkit.types import Mention

_NOT_IN_NAMES = {"ADV", "ADP", "CCONJ", "SCONJ", "INTJ", "PART", "VERB", "AUX", "PRON"}
_EXPLETIVE_VERBS = {"be", "seem", "appear", "take", "remain"}
RELATIONAL_NOUNS = {"tie", "relation", "relationship", "talk", "dialogue", "contact", "cooperation", "deal",
                    "agreement", "treaty", "war", "clash", "tension", "negotiation", "alliance", "partnership", "trade"}
QUOTE_MARKS = {'"', "“", "”", "``", "''", "«", "»"}
HONORIFIC_WORDS = frozenset(h.lower() for h in HONORIFICS)
NOT_THE_HOLDER = frozenset({"former", "ex", "late", "next", "future", "previous", "new", "last", "first-ever", "acting"})
"""Words that make a role name someone other than its present holder ("the former home secretary")."""
STATE_NOUNS = frozenset({"government", "country", "nation"})
DESCRIPTION_NOUNS = STATE_NOUNS | frozenset({
    "party", "committee", "service", "executive", "organisation", "organization", "group", "paper", "newspaper",
    "council", "assembly", "union", "association", "agency", "company", "firm", "department", "ministry",
    "commission", "board", "court", "bank", "club", "trust", "army", "police", "network", "campaign", "authority",
    "alliance", "charity", "institute", "university", "school", "corporation", "foundation", "federation", "league",
    "movement", "coalition", "team", "broadcaster", "prince", "princess",
})
"""Nouns that, definite and singular ("the party", "his party", "the committee", "the government"), describe
an actor named before them in the document."""
_REFERRING_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS
GOVERNMENT_NOUNS = {"government", "regime", "administration", "authorities", "leadership", "cabinet"}  # "it" is left out: mostly expletive ("it can be said")


def _role(token: Word) -> str:
    dep = token.dep_
    if dep in {"nsubj", "nsubjpass", "csubj"}:
        return "subject"
    if dep == "poss":
        return "possessor"
    if dep == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "between"):
        return "subject"  # "was honored by Putin", "clashes between Moscow and ..."
    if dep == "pobj" and token.head.lower_ == "with" and token.head.head.lemma_ in RELATIONAL_NOUNS:
        return "subject"  # "closer ties with Moscow": a party to the relation, not a place
    if dep in {"dobj", "dative", "pobj", "attr"}:
        return "object"
    if dep == "conj":
        return _role(token.head)
    return "other"


def _trimmed(span: Phrase) -> Phrase | None:
    """The span without a leading article, a trailing possessive marker, and symbols at either end.

    spaCy's tokenizer splits an emoji flag into its two halves and NER may take
    one into a name ("Emmanuel Macron 🇫"): tokens without a letter or digit
    are never the first or last word of a name.
    """
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].pos_ in _NOT_IN_NAMES
                           or not _has_alnum(doc[start])):
        start += 1  # "Later Tillerson": NER took a sentence-initial adverb into the name
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or not _has_alnum(doc[end - 1])):
        end -= 1
    return doc[start:end] if end > start else None


def _has_alnum(token: Word) -> bool:
    return any(c.isalnum() for c in token.text)


def find_mentions(paragraph: ParsedParagraph) -> list[Mention]:
    """Every name, role and pronoun of a parsed paragraph, as document-level mentions."""
    gazetteer = load_gazetteer()
    doc = words_of(paragraph.doc)
    found: list[Mention] = []
    text = doc.text
    quotes = [t.i for t in doc if t.text in QUOTE_MARKS]

    def opened_quote(token: Word) -> bool:
        """Whether ``token`` is inside quotation marks opened in its sentence ("they" of a speaker's own side)."""
        return (bisect_right(quotes, token.i) - bisect_right(quotes, token.sent.start - 1)) % 2 == 1

    def add(start: int, end: int, label: str, kind: str, root: Word, roles: tuple[str, ...] = ()) -> None:
        start, end = grapheme_span(text, start, end)  # a token boundary may fall inside a character
        sentence = root.sent
        opened = bisect_right(quotes, root.i) - bisect_right(quotes, sentence.start - 1)
        found.append(Mention(
            doc_id=paragraph.document.id, start=paragraph.offset + start, end=paragraph.offset + end,
            text=text[start:end], label=label, kind=kind, role=_role(root),
            sentence_start=paragraph.offset + sentence.start_char, roles=roles, quoted=opened % 2 == 1,
        ))

    parties = load_parties()
    source = paragraph.document.text[paragraph.offset : paragraph.offset + len(text)]  # with its line breaks
    for ent, span in _named_spans(doc, source):
        label = ent.label_
        if span is None or not any(c.isalpha() for c in span.text) \
                or fragment_reason(span.text, label, line=_line(source, span)):
            continue  # "Office of the", "GMT", "John Prescott - were", a person on a headline line
        prefix = _party_prefix(span, parties) if label == "PERSON" else None
        if prefix is not None:  # "Tory Liam Fox", "Lib Dem Norman Baker": the party, then the person
            add(prefix.start_char, prefix.end_char, "ORG", "name", prefix.root, ("party",))
            span = doc[prefix.end : span.end]
            if len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in PERSON_TITLES | STAFF_NOUNS:
                label = "ORG"  # "Lib Dem Treasury spokesman": the Treasury is a department
        if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in HONORIFIC_WORDS \
                and doc[span.start - 1].is_title:
            span = doc[span.start - 1 : span.end]  # "Mrs Howard": the honorific tells who she is
            label = "PERSON"
        elif len(span) > 1 and span[0].lower_.rstrip(".") in HONORIFIC_WORDS and span[0].is_title:
            label = "PERSON"  # NER's ORG "Mr Blair"
        elif label in {"ORG", "NORP", "PERSON", "GPE"} and parties.lookup(span.text) is not None \
                and not gazetteer.country(normalize(span.text)):
            span = _whole_party_name(span, parties)  # NER's "Democrat" of "Liberal Democrat"
            add(span.start_char, span.end_char, "ORG", "name", span.root, ("party",))  # "Labour", "Tory leader"
            continue
        if label == "NORP" and span.root.pos_ == "ADJ":
            continue  # "Syrian army": an adjective, not an actor
        if len(span) == 1 and len(span.text) >= 3 and span.text.endswith("s") and span.text[:-1].isupper():
            continue  # "MPs", "MEPs": a group of people, not an actor
        if ent.label_ == "NORP" and span.start > 0 and doc[span.start - 1].lower_ == "the" and span.root.tag_ in {"NN", "NNP"}:
            # "the Russian would refuse": one person of that nation, a role to resolve like a title
            add(span.start_char, span.end_char, "PERSON", "title", span.root)
            continue
        parts = _hyphenated_parts(span)
        for part in parts:
            label = label if len(parts) == 1 else "PERSON"
            stated = _stated_roles(part, gazetteer)
            if stated and label == "ORG" and any(w.is_title for w in part) and len(part) >= 2:
                label = "PERSON"  # "Treasury spokesman Vincent Cable": an office before a name makes a person
            add(part.start_char, part.end_char, label, "name", span.root, stated + _bracketed(part) + _possessed(span.root))
    for token in doc:  # the gazetteer is asked only about the nouns that may be a title
        if token.pos_ in {"NOUN", "PROPN"} and not token.ent_type_ and token.dep_ != "compound" \
                and ((is_title := gazetteer.is_title(token.lower_)) or token.lower_ in GOVERNMENT_NOUNS):
            words = [t for t in token.subtree if t.i <= token.i]
            modifiers = [t for t in words if t != token and t.dep_ in {"amod", "poss", "compound"}]
            tied = any(gazetteer.country(normalize(t.text)) or gazetteer.country(normalize(_entity_text(t)))
                       for t in modifiers)  # "the Syrian president", "the North Korean leader"
            office = _office(token, words, modifiers, parties) if is_title and not tied else None
            if is_title and (tied or office is not None):
                hint = _apposed_name(token) or (() if tied else _holder_hint(token))
                add(words[0].idx, token.idx + len(token), "PERSON", "title", token, hint + (office or ()))
            elif token.lower_ in GOVERNMENT_NOUNS and tied:
                add(words[0].idx, token.idx + len(token), "GPE", "title", token)  # "the Syrian government"
        if token.lower_ in DESCRIPTION_NOUNS and token.pos_ == "NOUN" and not token.ent_type_ \
                and token.dep_ != "compound" and token.tag_ == "NN":
            described = _description(token)
            if described is not None:
                label = "GPE" if token.lower_ in STATE_NOUNS else "PERSON" if token.lower_ in {"prince", "princess"} \
                    else "ORG"
                add(described.idx, token.idx + len(token), label, "title", token, (f"description:{token.lower_}",))
        if token.pos_ == "PRON" and (token.lower_ in _REFERRING_PRONOUNS or _referring_it(token)):
            label = "PERSON" if token.lower_ in PERSON_PRONOUNS else "ORG"
            speaker = _quote_speaker(token) if label == "PERSON" and opened_quote(token) else None
            add(token.idx, token.idx + len(token), label, "pronoun", token,
                (f"speaker-at:{paragraph.offset + speaker.idx}",) if speaker is not None else ())
        elif token.pos_ == "PRON" and token.lower_ in FIRST_PERSON_PRONOUNS and opened_quote(token):
            speaker = _quote_speaker(token, ACTOR_TYPES)
            if speaker is not None:
                add(token.idx, token.idx + len(token), "PERSON", "pronoun", token,
                    (f"speaker-at:{paragraph.offset + speaker.idx}", "first-person"))
        elif token.pos_ == "PRON" and token.lower_ in PLURAL_PRONOUNS and not opened_quote(token):
            hint = ("plural",) + (("after-plural-noun",) if _plural_noun_before(token) else ())
            add(token.idx, token.idx + len(token), "ORG", "pronoun", token, hint)
    return found


def _whole_party_name(span: Phrase, parties) -> Phrase:
    """``span`` with the capitalised words before it that belong to the party's name ("Liberal Democrat")."""
    doc = span.doc
    own = parties.lookup(span.text)
    for extra in (2, 1):
        start = span.start - extra
        if start >= 0 and all(t.is_title and t.lower_ not in ARTICLES for t in doc[start : span.start]) \
                and parties.lookup(doc[start : span.end].text) not in (None, own):
            return doc[start : span.end]
    return span


def _party_prefix(span: Phrase, parties) -> Phrase | None:
    """The party name a person's span begins with ("Tory" of "Tory Liam Fox"), when a name follows it."""
    for size in (2, 1):
        if len(span) > size and parties.lookup(span[:size].text) is not None and span[size].is_title:
            return span[:size]
    return None


def _named_spans(doc, source: str) -> list[tuple[Phrase, Phrase | None]]:
    """spaCy's actor entities, trimmed, and cut at a spaced dash ("MPs - Keith Vaz" gives "Keith Vaz") and at a
    line break of ``source``, the paragraph as written ("Checks Into Rehab\nLindsay Lohan has ...")."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_TYPES:
            continue
        pieces, start = [], ent.start
        for token in ent:
            if token.text in {"-", "–", "—"} and token.whitespace_ and token.i > ent.start \
                    and doc[token.i - 1].whitespace_:
                pieces.append(doc[start : token.i])
                start = token.i + 1
            elif token.i > start and source[token.idx - 1 : token.idx] in {"\n", "\r"}:
                pieces.append(doc[start : token.i])
                start = token.i
        pieces.append(doc[start : ent.end])
        for piece in pieces:
            span = _trimmed(piece) if len(piece) else None
            if span is not None and len(pieces) > 1 and all(t.tag_ in {"NNS", "NNPS"} or not t.is_title for t in span):
                continue  # "MPs" of "MPs - Keith Vaz"
            found.append((ent, span))
    return found


def _line(source: str, span: Phrase) -> str:
    """The line of ``source`` a span is on, or "" when it is longer than a headline (searched that far only)."""
    reach = span.start_char - LONGEST_HEADLINE
    start = source.rfind("\n", max(0, reach), span.start_char)
    end = source.find("\n", span.end_char, span.end_char + LONGEST_HEADLINE)
    if (start < 0 and reach > 0) or (end < 0 and len(source) > span.end_char + LONGEST_HEADLINE):
        return ""
    return source[start + 1 : end if end >= 0 else len(source)]


def _office(title: Word, words: list[Word], modifiers: list[Word], parties) -> tuple[str, ...] | None:
    """The office a role phrase names, as roles for the resolver, or None when it names no present holder.

    "the prime minister" -> ("office:prime minister",); "the Tory leader" ->
    ("office:leader", "party:<id>"); "his chancellor" -> ("office:chancellor",);
    "the former home secretary" and "a minister" -> None.
    """
    first = words[0].lower_
    if first not in {"the", "his", "her", "their", "its"} and words[0] not in modifiers:
        return None
    office, party = [], None
    for word in words[1:] if first in {"the", "his", "her", "their", "its"} else words:
        lower = word.lower_
        if word == title or lower in OFFICE_WORDS:
            office.append(lower)
        elif lower in NOT_THE_HOLDER:
            return None
        elif word.tag_ == "POS":
            continue  # "Labour's leader"
        elif (found := parties.lookup(_entity_text(word))) is not None:
            party = found
        else:
            return None  # "the new leader", "the Labour party's Scottish leader": another office than the holder's
    while office and office[0] in {"of", "for", "and"}:
        office.pop(0)
    roles = (f"office:{' '.join(office)}",)
    return roles + ((f"party:{party.id}",) if party is not None else ())




def _quote_speaker(pronoun: Word, types: frozenset[str] = frozenset({"PERSON"})) -> Word | None:
    """The named subject of the reporting verb of the sentence a quoted pronoun is in: who speaks, not who is meant.

    The name's entity type must be one of ``types`` (the parser's type: "Lavrov" may come as ORG).
    """
    for token in pronoun.sent:
        if token.pos_ == "VERB" and token.lemma_ in REPORTING_VERBS and not pronoun.is_ancestor(token):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.ent_type_ in types and subject.i != pronoun.i:
                return entity_tokens(subject)[0]
    return None


def _plural_noun_before(pronoun: Word) -> bool:
    """Whether the nearest plural noun before ``pronoun`` (this sentence or the one before) is a common noun.

    "The Lib Dems say ... they" may be the party; "MPs said they" are the MPs,
    who are no actor node: such a pronoun is left unresolved.
    """
    sentence = pronoun.sent
    start = sentence.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    for token in reversed(pronoun.doc[start : pronoun.i]):
        upper_plural = len(token.text) >= 3 and token.text.endswith("s") and token.text[:-1].isupper()  # "MPs"
        if upper_plural or token.tag_ in {"NNS", "NNPS"} \
                or token.ent_type_ in {"ORG", "NORP"} and token.tag_ in {"NNP", "NNPS"}:
            return upper_plural or token.tag_ == "NNS" and not token.ent_type_
    return False


def _description(noun: Word) -> Word | None:
    """The first word of a definite description of an actor ("the party", "his party", "this country",
    "the influential committee", "the prison service"), or None ("a party", "the former party", "party funds")."""
    words = [t for t in noun.subtree if t.i <= noun.i]
    first = words[0]
    if first.lower_ not in {"the", "this", "that", "his", "her", "its", "their"} or noun.dep_ == "appos":
        return None
    for word in words[1:-1]:
        if word.is_title or word.ent_type_ or word.lower_ in NOT_THE_HOLDER or word.tag_ == "POS" \
                or word.pos_ not in {"ADJ", "NOUN"}:
            return None  # "the Labour party" is a name, "the former party" another actor
    return first


def _referring_it(token: Word) -> bool:
    """Whether "it" refers to something: not "It can be said that ...", "it is clear that ...", "it rains"."""
    if token.lower_ != "it" or token.dep_ not in {"nsubj", "nsubjpass"}:  # as an object it is mostly a thing
        return False
    verb = token.head
    clause_follows = any(c.dep_ in {"ccomp", "xcomp", "csubj"} and c.i > verb.i for c in verb.children)
    if clause_follows and (token.dep_ == "nsubjpass" or verb.lemma_ in _EXPLETIVE_VERBS):
        return False  # "It can be said that ...", "it seems that ..."
    if any(c.dep_ == "acomp" and any(g.dep_ in {"ccomp", "xcomp"} for g in c.children) for c in verb.children):
        return False  # "it is clear that ..."
    return verb.lemma_ not in {"rain", "snow", "matter"}


def _entity_text(token: Word) -> str:
    return " ".join(t.text for t in entity_tokens(token)) if token.ent_type_ else token.text


def _bracketed(name: Phrase) -> tuple[str, ...]:
    """``("bracketed",)`` for a name in parentheses right after another: "Islamic State (ISIS)"."""
    doc = name.doc
    if name.start >= 2 and name.end < len(doc) and doc[name.start - 1].text == "(" and doc[name.end].text == ")":
        return ("bracketed",)
    return ()


def _possessed(root: Word) -> tuple[str, ...]:
    """What a possessor owns, as its lemma: "Paris's police" -> ``possessed:police`` (the resolver's metonymy rule)."""
    return (f"possessed:{root.head.lemma_.lower()}",) if root.dep_ == "poss" and root.head != root else ()


def _apposed_name(title: Word) -> tuple[str, ...]:
    """The name a role is in apposition to: "Hassan Rouhani, the Iranian president" -> holder:Hassan Rouhani."""
    for a, b in ((title, title.head), (title.head, title)):
        if a.dep_ == "appos" and b.ent_type_ == "PERSON" and a != b:
            return (f"holder:{' '.join(t.text for t in entity_tokens(b))}",)
    return ()


def _holder_hint(title: Word) -> tuple[str, ...]:
    """Whose office a role names, when the speaker is that person's staff.

    "Trump's top aides said ... that the President was moved": aides speak of
    their principal, so the President is Trump (``holder:Trump``).
    """
    node = title
    while node.head != node:
        node = node.head
        if node.pos_ == "VERB" and node.lemma_ in REPORTING_VERBS:
            speaker = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if speaker is None or speaker.lemma_.lower() not in STAFF_NOUNS:
                return ()
            owner = next((c for c in speaker.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"
                          or c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            return (f"holder:{' '.join(t.text for t in entity_tokens(owner))}",) if owner is not None else ()
    return ()


def _stated_roles(name: Phrase, gazetteer) -> tuple[str, ...]:
    """Roles the text gives a name right before it: "US President Donald Trump" -> country:USA, title:president."""
    def country(token: Word):
        return gazetteer.country(normalize(token.text)) or gazetteer.country(normalize(_entity_text(token)))

    parties = load_parties()
    roles = set()
    i = name.start - 1
    words = [t for t in name if t.lower_ in PERSON_TITLES]
    office: list[str] = []
    while i >= 0 and i >= name.start - 5 and (name.doc[i].lower_ in PERSON_TITLES or country(name.doc[i])
                                              or name.doc[i].lower_ in OFFICE_WORDS and name.doc[i].is_title
                                              or parties.lookup(name.doc[i].text) is not None):
        words.append(name.doc[i])
        if name.doc[i].lower_ in PERSON_TITLES or name.doc[i].lower_ in OFFICE_WORDS:
            office.insert(0, name.doc[i].lower_)
        i -= 1
    named = [w for w in sorted(words, key=lambda t: t.i) if w.lower_ not in PERSON_TITLES and not country(w)]
    whole = parties.lookup(" ".join(w.text for w in named)) if named else None
    if whole is not None:  # "Liberal Democrat spokesman Mark Oaten": one party, not Liberal and Democrat
        roles.add(f"party:{whole.id}")
    for word in words:
        if word.lower_ in PERSON_TITLES:
            roles.add(f"title:{word.lower_}")
        elif (found := country(word)) is not None:  # "North Korean leader Kim Jong-un"
            roles.add(f"country:{found.code}")
        elif whole is None and (party := parties.lookup(word.text)) is not None:  # "Tory leader Michael Howard"
            roles.add(f"party:{party.id}")
    if office and office[-1] in PERSON_TITLES:
        roles.add(f"office:{' '.join(office)}")  # "Home Secretary David Blunkett" -> office:home secretary
    return tuple(sorted(roles)) if any(r.startswith("title:") for r in roles) else ()


def _hyphenated_parts(span: Phrase) -> list[Phrase]:
    """Split "Tillerson-Lavrov" (two capitalised names joined by a hyphen) into its names; "Olymp-K" stays whole."""
    words = [t for t in span if t.text != "-"]
    hyphens = [t for t in span if t.text == "-" and not t.whitespace_ and t.i > span.start]
    if hyphens and len(words) == len(hyphens) + 1 and all(t.is_title and len(t) > 1 for t in words):
        return [span.doc[t.i : t.i + 1] for t in words]
    return [span]


def find_alias_mentions(paragraph: ParsedParagraph, aliases: UserAliases) -> list[Mention]:
    """Every occurrence of a user-declared name in the paragraph, as a mention of its declared type."""
    pattern = aliases.pattern()
    if pattern is None:
        return []
    found = []
    text = words_of(paragraph.doc).text
    for match in pattern.finditer(text):
        if not (is_grapheme_boundary(text, match.start()) and is_grapheme_boundary(text, match.end())):
            continue  # "Macron" of "Macrón" written with a combining accent is another name
        span = paragraph.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        declared = aliases.lookup(match.group())
        found.append(
            Mention(
                doc_id=paragraph.document.id,
                start=paragraph.offset + match.start(),
                end=paragraph.offset + match.end(),
                text=match.group(),
                label=declared.type,
                kind="name",
                role=_role(phrase_of(span).root) if span is not None else "other",
                sentence_start=paragraph.offset + (span.sent.start_char if span is not None else 0),
            )
        )
    return found


def prefer(declared: list[Mention], found: list[Mention]) -> list[Mention]:
    """The declared mentions, and the found ones that overlap none of them (pronouns are kept)."""
    def overlaps(m: Mention) -> bool:
        return any(d.start < m.end and m.start < d.end for d in declared)

    return [*declared, *(m for m in found if m.kind == "pronoun" or not overlaps(m))]
