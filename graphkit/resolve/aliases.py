"""User control over resolution: ``graphkit build --aliases FILE.toml``.

Example file::

    [[entity]]
    name = "Donald Trump"          # canonical name: the node's label and id
    type = "PERSON"                # PERSON, ORG, GPE, NORP, LOC or FAC
    aliases = ["Trump", "the President", "POTUS"]

    [[never_merge]]
    names = ["Bashar al-Assad", "Hafez al-Assad"]

Every alias (and the name) found in a document's text, case-sensitively and as
whole words, becomes a mention of that entity, whatever the NER said; mentions
whose normalised names form a ``never_merge`` pair never share a node.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graphkit.errors import AliasFileError
from graphkit.resolve.names import normalize

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
        """The declared entity that ``text`` names, if any."""
        return _index(self).get(normalize(text))

    def pattern(self) -> re.Pattern | None:
        """One regular expression that finds every declared name in a text, longest first."""
        return _pattern(self)


@lru_cache(maxsize=8)
def _index(aliases: UserAliases) -> dict[str, UserEntity]:
    return {normalize(name): e for e in aliases.entities for name in (e.name, *e.aliases)}


@lru_cache(maxsize=8)
def _pattern(aliases: UserAliases) -> re.Pattern | None:
    names = sorted({n for e in aliases.entities for n in (e.name, *e.aliases)}, key=lambda n: (-len(n), n))
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def load_aliases(path: str | Path) -> UserAliases:
    """Read and check an alias file; problems raise :class:`AliasFileError` naming the file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AliasFileError(f"{path}: cannot read alias file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise AliasFileError(f"{path}: not UTF-8; convert the alias file to UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise AliasFileError(f"{path}: invalid TOML ({error})") from None
    unknown = set(data) - {"entity", "never_merge"}
    if unknown:
        raise AliasFileError(f"{path}: unknown section(s) {', '.join(sorted(unknown))} (expected [[entity]] and [[never_merge]])")
    entities = []
    declared: dict[str, str] = {}
    for number, table in enumerate(data.get("entity", []), start=1):
        name, kind, aliases = table.get("name"), table.get("type", "PERSON"), table.get("aliases", [])
        if not isinstance(name, str) or not name.strip():
            raise AliasFileError(f"{path}: entity {number} has no name")
        if kind not in ENTITY_TYPES:
            raise AliasFileError(f"{path}: entity '{name}' has type '{kind}' (choose from: {', '.join(ENTITY_TYPES)})")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise AliasFileError(f"{path}: entity '{name}' aliases must be a list of names")
        entity = UserEntity(name=name.strip(), type=kind, aliases=tuple(a.strip() for a in aliases))
        for alias in (entity.name, *entity.aliases):
            key = normalize(alias)
            if not key:
                raise AliasFileError(f"{path}: entity '{name}' has an alias with no letters or digits: '{alias}'")
            if key in declared and declared[key] != entity.name:
                raise AliasFileError(f"{path}: alias '{alias}' is declared for both '{declared[key]}' and '{entity.name}'")
            declared[key] = entity.name
        entities.append(entity)
    never = []
    for number, table in enumerate(data.get("never_merge", []), start=1):
        names = table.get("names")
        if not isinstance(names, list) or len(names) != 2 or not all(isinstance(n, str) for n in names):
            raise AliasFileError(f"{path}: never_merge {number} needs names = [\"one\", \"other\"]")
        never.append(frozenset(normalize(n) for n in names))
    return UserAliases(entities=tuple(entities), never_merge=tuple(never))
