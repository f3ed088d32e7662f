"""Vietnam's administrative units: level words, a gazetteer of real names before and after the
reorganisation of 1 July 2025, and the place chain of a document.

Three levels of local government until 30 June 2025 (tỉnh / thành phố trực thuộc trung ương;
huyện / quận / thị xã / thành phố thuộc tỉnh; xã / phường / thị trấn), two since (34 provinces; xã /
phường / đặc khu directly under them). The gazetteer is the data of the `vietnamadminunits` package
(both administrations and how old units map to new ones), read offline from the files it ships.
It only recognises real names: a document's own words always come first, and places no gazetteer
knows (including the fictional ones of tests) still work from those words.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.model import PlaceRef
from ingest.normalize import fold, fold_ascii, has_vietnamese_diacritics

log = logging.getLogger(__name__)

REORGANISED = "2025-07-01"  # the two-level local government starts on this date
LEGACY, CURRENT = "legacy", "2025"
PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"

# Level words and their tier; "thành phố" is a centrally-run city (province tier) or a city under a
# province (district tier), told apart by the chain it sits in.
LEVEL_TIERS: dict[str, str | None] = {
    "thành phố": None, "thị trấn": COMMUNE, "thị xã": DISTRICT, "đặc khu": COMMUNE, "phường": COMMUNE,
    "tỉnh": PROVINCE, "huyện": DISTRICT, "quận": DISTRICT, "xã": COMMUNE,
}
LEVELS = sorted(LEVEL_TIERS, key=len, reverse=True)
CURRENT_LEVELS = {"tỉnh", "thành phố", "xã", "phường", "đặc khu"}
TIER_RANK = {COMMUNE: 0, DISTRICT: 1, PROVINCE: 2, "": 3}
TIER_WORDS_VI = {PROVINCE: "cấp tỉnh", DISTRICT: "cấp huyện", COMMUNE: "cấp xã"}

# Common names the gazetteer spells differently (general geography, not any document's places).
ALIASES = {"thua thien hue": "hue", "tp hcm": "ho chi minh", "tphcm": "ho chi minh", "hcm": "ho chi minh",
           "sai gon": "ho chi minh", "saigon": "ho chi minh", "ho chi minh city": "ho chi minh", "hanoi": "ha noi"}


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """Matching key of a place name: no case, diacritics, dashes, dots or apostrophes.

    >>> place_key("Bà Rịa – Vũng Tàu") == place_key("ba ria vung tau")
    True
    >>> place_key("Cư M'gar") == place_key("cu mgar"), place_key("Thuỷ Nguyên") == place_key("Thủy Nguyên")
    (True, True)
    """
    folded = re.sub(r"['’ʼ`]", "", fold_ascii(name))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def exact_key(name: str) -> str:
    """Like `place_key` but keeping diacritics (tone placement unified): "Tân Hòa" is not "Tân Hoa"."""
    folded = re.sub(r"['’ʼ`]", "", fold(name))
    return " ".join(re.sub(r"[^\w]+|_", " ", folded).split())


def tier_of(level: str, *, below_province: bool = False) -> str:
    """Tier of a level word; "thành phố" is a district-tier city when a province is above it."""
    tier = LEVEL_TIERS.get(level.lower())
    if tier is None:
        return DISTRICT if below_province else PROVINCE
    return tier


def era_of(date: str | None) -> str | None:
    """Which administration a document dated `date` (ISO, possibly yyyy-mm) was written under."""
    if not date:
        return None
    return CURRENT if date[:10] >= REORGANISED[: len(date[:10])] else LEGACY


@dataclass(frozen=True, slots=True)
class Unit:
    """A real administrative unit, as the gazetteer knows it."""

    name: str  # "Tân Hòa"
    level: str  # "thị trấn"
    tier: str
    era: str  # LEGACY (until 30 June 2025) or CURRENT
    province: str  # its province's name; its own name for a province
    district: str | None = None  # the district of a legacy commune, e.g. "huyện Tân Hòa"
    code: str = ""

    @property
    def label(self) -> str:
        return f"{self.level} {self.name}"

    @property
    def ident(self) -> str:
        return f"{self.era}:{self.tier}:{self.code}"

    def ref(self, source: str = "gazetteer") -> PlaceRef:
        return PlaceRef(self.name, self.level, self.tier, source)


class Gazetteer:
    """Names, levels and parents of Vietnam's administrative units, before and after 1 July 2025."""

    def __init__(self, units: Iterable[Unit], successors: dict[str, list[Unit]] | None = None) -> None:
        self.units = list(units)
        self._by_name: dict[str, list[Unit]] = {}
        for u in self.units:
            self._by_name.setdefault(place_key(u.name), []).append(u)
        self._successors = successors or {}
        self._province_names = {place_key(u.name) for u in self.units if u.tier == PROVINCE}
        # New province -> the old provinces merged into it (and itself).
        self._merged: dict[str, set[str]] = {}
        for u in self.units:
            if u.tier == PROVINCE and u.era == LEGACY:
                for s in self.successors(u):
                    self._merged.setdefault(place_key(s.name), {place_key(s.name)}).add(place_key(u.name))

    def __len__(self) -> int:
        return len(self.units)

    def knows(self, name: str) -> bool:
        return self._key(name) in self._by_name

    def is_province_name(self, name: str) -> bool:
        return self._key(name) in self._province_names

    def province_names(self) -> set[str]:
        """Place keys of every province name, old and new."""
        return set(self._province_names)

    def _key(self, name: str) -> str:
        key = place_key(name)
        return ALIASES.get(key, key)

    def find(self, name: str, *, tier: str | None = None, era: str | None = None,
             province: str | None = None, district: str | None = None) -> list[Unit]:
        """Units called `name`, narrowed by tier, era, and the province or district they lie in.

        A province filter matches the unit's own province, or the old province it belonged to before
        a merger (so "xã X, tỉnh <old name>" still finds the commune).
        """
        key = self._key(name)
        found = self._by_name.get(key, [])
        if has_vietnamese_diacritics(name) and key == place_key(name):
            exact = exact_key(name)
            found = [u for u in found if exact_key(u.name) == exact]
        if tier:
            found = [u for u in found if u.tier == tier]
        if era:
            found = [u for u in found if u.era == era]
        if province:
            pk = self._key(province)
            found = [u for u in found if pk == place_key(u.province)
                     or (u.era == CURRENT and pk in self._merged.get(place_key(u.province), ()))
                     or any(place_key(s.province) == pk for s in self.successors(u))]
        if district:
            dk = place_key(district)
            found = [u for u in found if u.district and place_key(u.district.split(" ", 1)[-1]) == dk]
        return found

    def merged_into(self, province: str) -> set[str]:
        """Place keys of the old provinces a current province was formed from (itself included)."""
        key = self._key(province)
        return set(self._merged.get(key, {key}))

    def successors(self, unit: Unit) -> list[Unit]:
        """What a pre-2025 unit became: the new province of a merged province or of a district, the new
        commune(s) of a commune. Empty for a unit of the current administration."""
        return self._successors.get(unit.ident, [])

    def province_unit(self, name: str, era: str | None = None) -> Unit | None:
        units = self.find(name, tier=PROVINCE, era=era)
        return units[0] if units else None

    def is_pre_2025_only(self, unit: Unit) -> bool:
        """Whether the unit's name and tier no longer exist since 1 July 2025 (in its successor province)."""
        if unit.era != LEGACY:
            return False
        if unit.level not in CURRENT_LEVELS:
            return True  # districts, towns (thị trấn) and their kind are gone since 1 July 2025
        succ_provinces = {place_key(s.province) for s in self.successors(unit)} or {place_key(unit.province)}
        current = [u for u in self.find(unit.name, tier=unit.tier, era=CURRENT)
                   if place_key(u.province) in succ_provinces]
        return not current


# --------------------------------------------------------------------------------------------
# Loading the gazetteer


def _data_dir() -> Path | None:
    # find_spec does not import the package (whose own imports pull in geocoding libraries): we read
    # only its data files, so nothing here can reach the network.
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _level(prefixed: str) -> str:
    """ "Thành phố Hà Nội" -> "thành phố"; "Xã Tân Hòa" -> "xã"."""
    low = prefixed.lower()
    for level in LEVELS:
        if low.startswith(level + " ") or low == level:
            return level
    return low.split(" ", 1)[0]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once. Empty (with a warning) when the data package is missing."""
    data = _data_dir()
    db = data / "dataset.db" if data else None
    if db is None or not db.exists():
        log.warning("vietnamadminunits data not found: place names are read from documents only")
        return Gazetteer([])
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        return _build(conn, data / "converter_2025.json" if data else None)
    finally:
        conn.close()


def _build(conn: sqlite3.Connection, converter: Path | None) -> Gazetteer:
    units: list[Unit] = []
    by_key: dict[tuple[str, ...], Unit] = {}  # the data's own keys, to follow its old -> new mapping
    new_prov: dict[str, Unit] = {}
    old_prov: dict[str, Unit] = {}
    for era, table in ((CURRENT, "admin_units"), (LEGACY, "admin_units_legacy")):
        for name, short, code, pkey in conn.execute(
                f"SELECT DISTINCT province, provinceShort, provinceCode, provinceKey FROM {table}"):
            u = Unit(short, _level(name), PROVINCE, era, short, None, code)
            units.append(u)
            (new_prov if era == CURRENT else old_prov)[pkey] = u
    for pshort, ward, wshort, wtype, wcode, pkey, wkey in conn.execute(
            "SELECT provinceShort, ward, wardShort, wardType, wardCode, provinceKey, wardKey FROM admin_units"):
        u = Unit(wshort, (wtype or _level(ward)).lower(), COMMUNE, CURRENT, pshort, None, wcode)
        units.append(u)
        by_key[(CURRENT, pkey, wkey)] = u
    districts: dict[tuple[str, str], Unit] = {}
    for row in conn.execute(
            "SELECT provinceShort, district, districtShort, districtType, districtCode, provinceKey, districtKey, "
            "ward, wardShort, wardType, wardCode, wardKey FROM admin_units_legacy"):
        pshort, district, dshort, dtype, dcode, pkey, dkey, ward, wshort, wtype, wcode, wkey = row
        if (pkey, dkey) not in districts:
            d = Unit(dshort, (dtype or _level(district)).lower(), DISTRICT, LEGACY, pshort, None, dcode)
            districts[(pkey, dkey)] = d
            units.append(d)
        if ward:
            dunit = districts[(pkey, dkey)]
            w = Unit(wshort, (wtype or _level(ward)).lower(), COMMUNE, LEGACY, pshort, dunit.label, wcode)
            units.append(w)
            by_key[(LEGACY, pkey, dkey, wkey)] = w

    successors: dict[str, list[Unit]] = {}
    mapping = json.loads(converter.read_text(encoding="utf-8")) if converter and converter.exists() else {}
    for new_key, old_keys in mapping.get("DICT_PROVINCE", {}).items():
        for ok in old_keys:
            if ok in old_prov and new_key in new_prov:
                successors[old_prov[ok].ident] = [new_prov[new_key]]
    for (pkey, _dkey), d in districts.items():
        if pkey in old_prov and old_prov[pkey].ident in successors:
            successors[d.ident] = successors[old_prov[pkey].ident]
    for new_pkey, wards in mapping.get("DICT_PROVINCE_WARD_NO_DIVIDED", {}).items():
        for new_wkey, olds in wards.items():
            new = by_key.get((CURRENT, new_pkey, new_wkey))
            for ok in olds:
                old = by_key.get((LEGACY, *ok.split("_", 2)))
                if new and old:
                    successors.setdefault(old.ident, []).append(new)
    for new_pkey, olds in mapping.get("DICT_PROVINCE_WARD_DIVIDED", {}).items():
        for ok, news in olds.items():
            old = by_key.get((LEGACY, *ok.split("_", 2)))
            # The default successor first: where most of the old commune went.
            for item in sorted(news, key=lambda n: not n.get("isDefaultNewWard")):
                new = by_key.get((CURRENT, new_pkey, item.get("newWardKey")))
                if old and new and new not in successors.get(old.ident, []):
                    successors.setdefault(old.ident, []).append(new)
    return Gazetteer(units, successors)


# --------------------------------------------------------------------------------------------
# A document's place chain


def order_chain(refs: list[PlaceRef]) -> list[PlaceRef]:
    """Own unit first, then each unit above it, one per tier, duplicates removed."""
    out: list[PlaceRef] = []
    for r in refs:
        if any(place_key(o.name) == place_key(r.name) and o.tier == r.tier for o in out):
            continue
        if out and TIER_RANK.get(r.tier, 3) <= TIER_RANK.get(out[0].tier, 3):
            continue  # a second unit at or below the issuer's own tier is not above it
        if any(o.tier == r.tier for o in out[1:]):
            continue
        out.append(r)
    return out[:1] + sorted(out[1:], key=lambda r: TIER_RANK.get(r.tier, 3))


def complete_chain(chain: list[PlaceRef], date: str | None, gaz: Gazetteer | None = None) -> list[PlaceRef]:
    """Add the units above the lowest one that the gazetteer knows for certain.

    The lowest unit the gazetteer finds exactly once, consistent with every unit the document names,
    gives its district and province. Names it does not know, or knows in several places, are left as
    the document wrote them.
    """
    gaz = gaz if gaz is not None else load_gazetteer()
    if not chain or not len(gaz):
        return chain
    era = era_of(date)
    if any(r.tier == DISTRICT for r in chain):
        era = LEGACY  # only the old administration has districts
    named_province = next((r.name for r in chain if r.tier == PROVINCE), None)
    named_district = next((r.name for r in chain if r.tier == DISTRICT), None)
    for ref in chain:
        if ref.tier == PROVINCE:
            break
        cands = gaz.find(ref.name, tier=ref.tier, era=era, province=named_province,
                         district=named_district if ref.tier == COMMUNE else None)
        if era is None and len({u.era for u in cands}) > 1:
            cands = [u for u in cands if u.era == LEGACY] if named_district else cands
        if len(cands) != 1:
            continue
        unit = cands[0]
        extra: list[PlaceRef] = []
        if unit.district and named_district is None:
            dname = unit.district.split(" ", 1)
            extra.append(PlaceRef(place_title(dname[1]), dname[0], DISTRICT, "gazetteer"))
        if named_province is None:
            extra.append(PlaceRef(unit.province, _province_level(gaz, unit.province, unit.era), PROVINCE,
                                  "gazetteer"))
        return order_chain(chain + extra)
    return chain


def _province_level(gaz: Gazetteer, name: str, era: str) -> str:
    unit = gaz.province_unit(name, era)
    return unit.level if unit else "tỉnh"


def place_title(name: str) -> str:
    """A place name written in capitals, as a name: "ĐÔNG HẢI" -> "Đông Hải"; keeps "Phường 3" digits."""
    return " ".join(w[:1].upper() + w[1:].lower() if w.isupper() else w for w in name.split())
