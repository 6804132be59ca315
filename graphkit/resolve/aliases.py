"""User control over resolution: ``graphkit build --aliases FILE.toml``.

Example file::

    [[entity]]
    name = "Donald Trump"          # canonical name: the node's label and id
    type = "PERSON"                # PERSON, ORG, GPE, NORP, LOC or FAC
    aliases = ["Trump", "the President", "POTUS"]

    [[never_merge]]
    names = ["Bashar al-Assad", "Hafez al-Assad"]

Every alias (and the name) found in a document's text, exactly as written and
as whole words, becomes a mention of that entity, whatever the NER said: the
alias ``"Trump)"`` matches "Trump)" and never a plain "Trump". Mentions whose
normalised names form a ``never_merge`` pair never share a node. Names are made
valid text when the file is read (a control character becomes a space).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graphkit.errors import AliasFileError
from graphkit.resolve.names import normalize
from graphkit.text import path_text, xml_safe

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@dataclass(frozen=True, slots=True)
class UserEntity:
    """A canonical name the user declared, with its type and aliases."""

    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UserAliases:
    """Everything an alias file says."""

    entities: tuple[UserEntity, ...] = ()
    never_merge: tuple[frozenset[str], ...] = ()

    def lookup(self, text: str) -> UserEntity | None:
        """The declared entity that ``text`` names exactly (up to spacing), if any."""
        return _index(self).get(_exact(text))

    def pattern(self) -> re.Pattern | None:
        """One regular expression that finds every declared name in a text, longest first."""
        return _pattern(self)


def _exact(name: str) -> str:
    return " ".join(name.split())


@lru_cache(maxsize=8)
def _index(aliases: UserAliases) -> dict[str, UserEntity]:
    return {_exact(name): e for e in aliases.entities for name in (e.name, *e.aliases)}


@lru_cache(maxsize=8)
def _pattern(aliases: UserAliases) -> re.Pattern | None:
    names = sorted({n for e in aliases.entities for n in (e.name, *e.aliases)}, key=lambda n: (-len(n), n))
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def load_aliases(path: str | Path) -> UserAliases:
    """Read and check an alias file; problems raise :class:`AliasFileError` naming the file."""
    path = Path(path)
    shown = path_text(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AliasFileError(f"{shown}: cannot read alias file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise AliasFileError(f"{shown}: not UTF-8; convert the alias file to UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise AliasFileError(f"{shown}: invalid TOML ({error})") from None
    unknown = set(data) - {"entity", "never_merge"}
    if unknown:
        raise AliasFileError(f"{shown}: unknown section(s) {', '.join(sorted(_clean(k) for k in unknown))} (expected [[entity]] and [[never_merge]])")
    entities = []
    declared: dict[str, str] = {}
    for number, table in enumerate(_tables(data, "entity", shown), start=1):
        name, kind, aliases = table.get("name"), table.get("type", "PERSON"), table.get("aliases", [])
        if not isinstance(name, str) or not _clean(name):
            raise AliasFileError(f"{shown}: entity {number} has no name")
        name = _clean(name)
        if kind not in ENTITY_TYPES:
            raise AliasFileError(f"{shown}: entity '{name}' has type {_shown(kind)} (choose from: {', '.join(ENTITY_TYPES)})")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and _clean(a) for a in aliases):
            raise AliasFileError(f"{shown}: entity '{name}' aliases must be a list of names")
        entity = UserEntity(name=name, type=kind, aliases=tuple(_clean(a) for a in aliases))
        for alias in (entity.name, *entity.aliases):
            key = normalize(alias)
            if not key:
                raise AliasFileError(f"{shown}: entity '{name}' has an alias with no letters or digits: '{alias}'")
            if key in declared and declared[key] != entity.name:
                raise AliasFileError(f"{shown}: alias '{alias}' is declared for both '{declared[key]}' and '{entity.name}'")
            declared[key] = entity.name
        entities.append(entity)
    never = []
    for number, table in enumerate(_tables(data, "never_merge", shown), start=1):
        names = table.get("names")
        if not isinstance(names, list) or len(names) != 2 or not all(isinstance(n, str) for n in names):
            raise AliasFileError(f"{shown}: never_merge {number} needs names = [\"one\", \"other\"]")
        pair = frozenset(normalize(_clean(n)) for n in names)
        if len(pair) != 2 or "" in pair:
            raise AliasFileError(f"{shown}: never_merge {number} needs two different names, not {_shown(names)}")
        never.append(pair)
    return UserAliases(entities=tuple(entities), never_merge=tuple(never))


def _tables(data: dict, section: str, shown: str) -> list[dict]:
    """The ``[[section]]`` tables of an alias file, refusing any other shape (``entity = "Putin"``)."""
    tables = data.get(section, [])
    if not isinstance(tables, list):
        raise AliasFileError(f"{shown}: '{section}' must be a list of [[{section}]] tables, not {_kind(tables)}")
    for number, table in enumerate(tables, start=1):
        if not isinstance(table, dict):
            raise AliasFileError(f"{shown}: {section} {number} must be a [[{section}]] table, not {_kind(table)}")
    return tables


def _kind(value: object) -> str:
    """How a TOML value reads to a user: "a string ('Putin')", "a number (5)"."""
    names = {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "a list", dict: "a table"}
    return f"{names.get(type(value), 'a date')} ({_shown(value)})"


def _shown(value: object) -> str:
    """A value quoted for a one-line message, without control characters."""
    return repr(_clean(value) if isinstance(value, str) else value)


def _clean(name: str) -> str:
    """A name as valid, single-line text: control characters and lone surrogates replaced, spacing collapsed."""
    return " ".join(xml_safe(name).split())
