"""Bilingual glossary of plan vocabulary: English words and the Vietnamese words plans use for them.

The vocabulary lives in `glossary.txt` beside this module, one concept a line, each with its domain
and the source its vocabulary comes from (the file's header names the sources). It is general
vocabulary of Vietnamese administration and plans (bodies of both administrations, plan structure,
budgets, reporting, and the common policy domains), never words taken from evaluation questions:
this module reads nothing but that file.

Matching works on words, not characters, so a phrase never matches inside another word:

* on the folded form (`ingest.normalize.fold_ascii`), so "toi thieu" typed on a phone finds
  "tối thiểu"; a word typed *with* diacritics must match them exactly (tone placement unified),
  so "hàn" is not "hạn";
* English words in the forms people type: plurals, -ing and -ed, possessives, British and American
  spellings ("immunisation"/"immunization", "labour"/"labor");
* longest phrase first: "state budget" wins over "budget", "hạn chế" (limitation) over "hạn" (deadline).

>>> g = load_glossary()
>>> g.equivalents("minimum budget per commune")[0]
('minimum', ['tối thiểu', 'ít nhất', 'thấp nhất', 'không thấp hơn', 'không dưới'])
>>> g.english_for("Sở Nội vụ")
'Department of Home Affairs'
"""

from __future__ import annotations

import argparse
import functools
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from ingest.errors import PlanqaError
from ingest.normalize import fold, fold_ascii, nfc

DATA_FILE = Path(__file__).with_name("glossary.txt")

# The fixed list of domains an entry may carry.
DOMAINS: dict[str, str] = {
    "admin": "administration: government, documents, officials, units",
    "level": "levels of government (province, district, commune...); the first English term is the adjective",
    "head": "head words of body names (Sở, Phòng, Bộ...) that combine with a department's field",
    "department": "fields of specialised agencies (the tail of 'Sở Y tế'); both administrations",
    "organisation": "bodies named in full: People's Committee, police, unions, centres, stations",
    "plan": "plan structure: goals, indicators, tasks, implementation, steering, recipients, signer",
    "budget": "budgets and funding: sources, levels, amounts",
    "reporting": "reporting: frequency, deadlines, recipients",
    "measure": "quantities and comparisons: minimum, maximum, rate, increase",
    "time": "periods and dates",
    "children": "children's rights, protection, care and participation",
    "health": "health, nutrition, population",
    "education": "education and training",
    "gender": "gender equality",
    "social": "social protection, poverty, labour, disability, ethnic minorities, culture",
    "justice": "civil status, legal aid, law dissemination, crime, order",
    "digital": "digital transformation and information technology",
    "disaster": "natural disasters and climate change",
    "environment": "environment, natural resources, agriculture",
}

# Irregular English forms an English speaker types; regular inflections are generated.
_IRREGULAR = {
    "children": "child", "women": "woman", "men": "man", "people": "person", "analyses": "analysis",
    "crises": "crisis", "criteria": "criterion", "indices": "index", "led": "lead", "paid": "pay",
    "spent": "spend", "sent": "send", "made": "make", "held": "hold", "given": "give", "taken": "take",
    "written": "write", "taught": "teach", "built": "build", "bought": "buy", "brought": "bring",
    "chose": "choose", "chosen": "choose",
}
# Plural irregulars typed with a stray "s" ("childrens", "womens union").
_IRREGULAR.update({k + "s": v for k, v in list(_IRREGULAR.items()) if k in ("children", "women", "men", "people")})

# British ↔ American endings, both ways; a generated form that is nobody's spelling is harmless, since
# only question words are looked up.
_SPELLING_SUFFIXES = [
    ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
    ("yse", "yze"), ("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"),
    ("ogue", "og"), ("amme", "am"), ("ammes", "ams"), ("lling", "ling"), ("lled", "led"), ("llor", "lor"),
    ("llors", "lors"), ("lment", "llment"), ("lments", "llments"),
]
_SPELLING_INFIXES = [("ae", "e"), ("oe", "e")]  # paediatric, diarrhoea
_VOWELS = set("aeiou")

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s$")
# Words that make a question; a glossary entry is vocabulary, never a question.
_QUESTION_WORDS = {fold(w) for w in ("nào", "gì", "ai", "đâu", "sao", "mấy", "what", "who", "whom", "whose",
                                     "which", "when", "where", "why", "how")}
_QUESTION_PHRASES = {fold(w) for w in ("bao nhiêu", "khi nào", "thế nào")}


class GlossaryError(PlanqaError):
    """The glossary data file is malformed; the message names the file and line."""


# --------------------------------------------------------------------------------------------
# Words


@functools.lru_cache(maxsize=50_000)
def _fold_token(token: str) -> tuple[str, str]:
    """(folded without diacritics, folded with tone placement unified) of one word."""
    low = _POSSESSIVE_RE.sub("", token.lower())
    return fold_ascii(low), fold(low)


def _spelling_variants(word: str) -> set[str]:
    out = {word}
    for a, b in _SPELLING_SUFFIXES:
        for x, y in ((a, b), (b, a)):
            if word.endswith(x) and len(word) - len(x) >= 2:
                out.add(word[: -len(x)] + y)
    if len(word) >= 6:
        for x, y in _SPELLING_INFIXES:
            if x in word[1:]:
                out.add(word[0] + word[1:].replace(x, y))
    if len(word) >= 4 and word[-1] == "l" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        out.add(word + "l")  # enrol / enroll, fulfil / fulfill
    if len(word) >= 5 and word.endswith("ll") and word[-3] in _VOWELS:
        out.add(word[:-1])
    return out


def _respell(word: str, direction: int) -> str:
    """`word` with a British ending made American (direction 0) or the other way (1)."""
    for pair in (("isation", "ization"), ("our", "or"), ("tre", "ter"), ("ence", "ense"), ("amme", "am")):
        a, b = pair if direction == 0 else pair[::-1]
        if word.endswith(a) and len(word) - len(a) >= 2:
            return word[: -len(a)] + b
    return word


def _plurals(word: str) -> set[str]:
    """Plural (and third person) of an English word."""
    if len(word) < 3 or not word.isalpha():
        return set()
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word + "es"}
    if word[-1] == "y" and word[-2] not in _VOWELS:
        return {word[:-1] + "ies"}
    return {word + "s"}


def _verb_forms(word: str) -> set[str]:
    """-ed and -ing forms of an English word."""
    if len(word) < 3 or not word.isalpha():
        return set()
    if word.endswith("ie"):
        return {word + "d", word[:-2] + "ying"}
    if word.endswith("e"):
        return {word + "d", word[:-1] + "ing", word + "ing"}
    if word[-1] == "y" and word[-2] not in _VOWELS:
        return {word[:-1] + "ied", word + "ing"}
    out = {word + "ed", word + "ing"}
    if word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # plan → planned, planning
    return out


class _Token(NamedTuple):
    start: int
    end: int
    key: str  # folded without diacritics, English forms reduced to the glossary's word
    tone: str  # folded with diacritics
    marked: bool  # typed with diacritics


# --------------------------------------------------------------------------------------------
# Entries and matches


@dataclass(frozen=True)
class Entry:
    """One concept: its English terms (the first is how answers say it) and the Vietnamese words
    plans use for it (the first is the usual one; all are interchangeable)."""

    domain: str
    english: tuple[str, ...]
    vietnamese: tuple[str, ...]
    source: str
    line: int


@dataclass(frozen=True)
class _Phrase:
    surface: str  # as written in the data (or generated from a head and a department's field)
    language: Literal["en", "vi"]
    key: tuple[str, ...]
    tone: tuple[str, ...]
    marked: tuple[bool, ...]
    entry: Entry
    vietnamese: tuple[str, ...]  # the document words this phrase stands for
    english: str


@dataclass(frozen=True)
class Match:
    """A glossary phrase found in a text; `start`/`end` index the NFC form of the text."""

    text: str
    start: int
    end: int
    phrase: str
    language: Literal["en", "vi"]
    domain: str
    english: str
    equivalents: tuple[str, ...]


@dataclass
class _Builder:
    index: dict[tuple[str, ...], list[_Phrase]] = field(default_factory=dict)
    seen: dict[tuple[tuple[str, ...], tuple[str, ...]], _Phrase] = field(default_factory=dict)


class Glossary:
    """The loaded glossary. Build it with `load_glossary()` (cached) or `Glossary.from_file(path)`."""

    def __init__(self, entries: Sequence[Entry], sources: dict[str, str], path: Path) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.sources = dict(sources)
        self.path = path
        self._lemma = self._build_lemmas()
        self._index: dict[tuple[str, ...], list[_Phrase]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._vi_english: dict[tuple[str, ...], str] = {}
        self._ascii_english: dict[tuple[str, ...], set[str]] = {}
        self._levels: list[tuple[tuple[str, ...], str]] = []
        self._body_names: dict[str, str] = {}
        self._build()

    # ---- loading ---------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: Path | str) -> Glossary:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise GlossaryError(f"glossary {path}: cannot read ({exc.strerror})") from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"glossary {path}: not UTF-8 (byte {exc.start})") from exc
        entries, sources = _parse(text, path.name)
        return cls(entries, sources, path)

    def _tokens(self, text: str) -> list[_Token]:
        out = []
        for m in _TOKEN_RE.finditer(text):
            ascii_, tone = _fold_token(m.group(0))
            marked = ascii_ != tone
            key = ascii_ if marked else self._lemma.get(ascii_, ascii_)
            out.append(_Token(m.start(), m.end(), key, tone, marked))
        return out

    def _build_lemmas(self) -> dict[str, str]:
        """Map every generated English form to the glossary word it comes from.

        Plurals, -ed forms and irregular forms reduce ("budgets" → "budget", "vaccinated" → "vaccinate",
        "children" → "child"); an -ing form that is itself a word of the glossary stays that word ("funding"
        is not "fund").
        """
        words: set[str] = set()
        vi_words: set[str] = set()
        for e in self.entries:
            for term in e.english:
                words.update(_fold_token(t)[0] for t in _TOKEN_RE.findall(term))
            for term in e.vietnamese:
                vi_words.update(_fold_token(t)[0] for t in _TOKEN_RE.findall(term))
        words = {_IRREGULAR.get(w, w) for w in words}
        lemma: dict[str, str] = {}
        for w in sorted(words, key=lambda x: (len(x), x)):
            for p in _plurals(w):
                if p not in vi_words:
                    lemma.setdefault(p, w)
        bases = words - set(lemma)
        for w in sorted(bases, key=lambda x: (len(x), x)):
            for variant in _spelling_variants(w):
                if variant != w and variant not in bases and variant not in vi_words:
                    lemma.setdefault(variant, w)
                for form in _plurals(variant) | _verb_forms(variant):
                    # "vaccinated" is "vaccinate", but a gerund the glossary lists is a noun of its own.
                    if form != w and form not in vi_words and not (form in bases and form.endswith("ing")):
                        lemma.setdefault(form, w)
        lemma.update(_IRREGULAR)
        # A plural of a glossary word that is itself a word of the glossary reduces all the way.
        return {k: lemma.get(v, v) for k, v in lemma.items()}

    def _phrase(self, surface: str, language: Literal["en", "vi"], entry: Entry, vietnamese: tuple[str, ...],
                english: str) -> _Phrase:
        key, tone, marked = self._words(surface)
        if not key:
            raise GlossaryError(f"glossary line {entry.line}: {surface!r} has no words")
        return _Phrase(surface, language, key, tone, marked, entry, vietnamese, english)

    def _words(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
        """(keys, folded words, typed with diacritics) of a phrase: `_tokens` without the offsets."""
        folded = [_fold_token(w) for w in _TOKEN_RE.findall(nfc(text))]
        marked = tuple(a != t for a, t in folded)
        key = tuple(a if m else self._lemma.get(a, a) for (a, _), m in zip(folded, marked, strict=True))
        return key, tuple(t for _, t in folded), marked

    def _add(self, b: _Builder, ph: _Phrase) -> None:
        # Two phrases are the same when they match the same words: same folded words, same diacritics.
        ident = (ph.key, tuple(t if m else k for k, t, m in zip(ph.key, ph.tone, ph.marked, strict=True)))
        other = b.seen.get(ident)
        if other is not None:
            where = f"line {other.entry.line}" if other.entry is not ph.entry else "the same line"
            raise GlossaryError(
                f"glossary line {ph.entry.line}: {ph.surface!r} duplicates {other.surface!r} on {where}")
        b.seen[ident] = ph
        b.index.setdefault(ph.key, []).append(ph)

    def _build(self) -> None:
        b = _Builder()
        heads = [e for e in self.entries if e.domain == "head"]
        for e in self.entries:
            if e.domain in ("head", "department"):
                continue
            for term in e.english:
                self._add(b, self._phrase(term, "en", e, e.vietnamese, e.english[0]))
            for term in e.vietnamese:
                self._add(b, self._phrase(term, "vi", e, e.vietnamese, e.english[0]))
                self._name(term, e.english[0])
            if e.domain == "level":
                for term in e.vietnamese:
                    self._levels.append((self._words(term)[1], e.english[0]))
            if e.domain == "organisation":
                self._body(e, e.vietnamese[0])
        # Bodies named by a head and a field: "Department of Health" / "health department" → "Sở Y tế".
        for d in (e for e in self.entries if e.domain == "department"):
            self._body(d, d.vietnamese[0])
            for h in heads:
                names = tuple(f"{hv} {dv}" for hv in h.vietnamese for dv in d.vietnamese)
                display = f"{h.english[0]} of {d.english[0]}"
                for he in h.english:
                    for de in d.english:
                        for surface in (f"{he} of {de}", f"{de} {he}"):
                            self._add(b, self._phrase(surface, "en", d, names, display))
                for name in names:
                    self._add(b, self._phrase(name, "vi", d, names, display))
                    self._name(name, display)
        self._index = b.index
        self._prefixes = {k[:i] for k in b.index for i in range(1, len(k) + 1)}
        self._levels.sort(key=lambda x: -len(x[0]))
        _check_languages(self.entries, b.index)

    def _name(self, vietnamese: str, english: str) -> None:
        key, tone, _ = self._words(vietnamese)
        self._vi_english.setdefault(tone, english)
        self._ascii_english.setdefault(key, set()).add(english)

    def _body(self, e: Entry, tail: str) -> None:
        for term in e.english:
            low = nfc(term).lower().replace("’", "'")
            forms = {low, low.replace("'s", ""), low.replace("'", "")}
            # British and American spellings of the whole name ("labour" / "labor").
            forms |= {" ".join(_respell(w, i) for w in f.split()) for f in list(forms) for i in (0, 1)}
            for form in forms:
                other = self._body_names.get(form)
                if other is not None and other != tail:
                    raise GlossaryError(f"glossary line {e.line}: body word {form!r} names both {other!r} and {tail!r}")
                self._body_names[form] = tail

    # ---- matching --------------------------------------------------------------------------

    def matches(self, text: str) -> list[Match]:
        """Glossary phrases in `text`, longest first where they overlap, in the order of the text."""
        text = nfc(text)
        toks = self._tokens(text)
        # Text typed with diacritics is matched with them: "bao" there is "bao", not "bão". Without any,
        # it is matched without them, as a phone user types.
        exact = any(t.marked for t in toks)
        n = len(toks)
        found: list[tuple[int, int, _Phrase]] = []
        for i in range(n):
            key: tuple[str, ...] = ()
            for j in range(i, n):
                key = (*key, toks[j].key)
                if key not in self._prefixes:
                    break
                for ph in self._index.get(key, ()):
                    if not exact or all(t.tone == p for t, p, pm in zip(toks[i : j + 1], ph.tone, ph.marked, strict=True)
                                        if t.marked or pm):
                        found.append((i, j + 1, ph))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        taken = [False] * n
        spans: set[tuple[int, int]] = set()
        chosen: list[tuple[int, int, _Phrase]] = []
        for i, j, ph in found:
            if (i, j) not in spans and any(taken[i:j]):
                continue
            spans.add((i, j))
            taken[i:j] = [True] * (j - i)
            chosen.append((i, j, ph))
        chosen.sort(key=lambda f: f[0])
        out = []
        for i, j, ph in chosen:
            start, end = toks[i].start, toks[j - 1].end
            typed = tuple(t.tone for t in toks[i:j])
            if ph.language == "en":
                eq = ph.vietnamese
            else:
                # Other words for the same thing; the phrase itself with its diacritics when it was typed
                # without them, unless it is one syllable ("bao" is as likely "bao" as "bão").
                restore = typed != ph.tone and len(typed) > 1
                eq = tuple(v for v in ph.vietnamese if v != ph.surface or restore)
            out.append(Match(text[start:end], start, end, ph.surface, ph.language, ph.entry.domain, ph.english, eq))
        return out

    def equivalents(self, text: str) -> list[tuple[str, list[str]]]:
        """Each glossary phrase in `text` (as written there) with the Vietnamese words documents use for it.

        English phrases give their Vietnamese renderings; Vietnamese phrases give their synonyms.
        Phrases with nothing to add are left out.
        """
        out: list[tuple[str, list[str]]] = []
        by_span: dict[tuple[int, int], list[str]] = {}
        for m in self.matches(text):
            if not m.equivalents:
                continue
            if (m.start, m.end) in by_span:
                words = by_span[(m.start, m.end)]
                words.extend(v for v in m.equivalents if v not in words)
            else:
                words = list(dict.fromkeys(m.equivalents))
                by_span[(m.start, m.end)] = words
                out.append((m.text, words))
        return out

    def expand(self, text: str) -> str:
        """`text` followed by the document words for what it says, for lexical matching."""
        have = f" {' '.join(fold(t) for t in _TOKEN_RE.findall(nfc(text)))} "
        extra: list[str] = []
        for _, words in self.equivalents(text):
            for w in words:
                f = f" {' '.join(fold(t) for t in _TOKEN_RE.findall(w))} "
                if f not in have:
                    have += f.strip() + " "
                    extra.append(w)
        return f"{text} {' '.join(extra)}" if extra else text

    def body_names(self) -> dict[str, str]:
        """English body words ("health", "home affairs", "police") → how Vietnamese names end ("Y tế")."""
        return dict(self._body_names)

    def english_for(self, vietnamese: str) -> str | None:
        """English for a Vietnamese term or body name ("Sở Y tế" → "Department of Health"), or None.

        A body name followed by its level reads as "Provincial Police" ("Công an tỉnh").
        """
        toks = self._tokens(nfc(vietnamese.strip(" .,:;")))
        if not toks:
            return None
        tone = tuple(t.tone for t in toks)
        if tone in self._vi_english:
            return self._vi_english[tone]
        for level, adjective in self._levels:
            if len(tone) > len(level) and tone[-len(level):] == level and tone[: -len(level)] in self._vi_english:
                name = self._vi_english[tone[: -len(level)]]
                return f"{adjective[:1].upper()}{adjective[1:]} {name}"
        if not any(t.marked for t in toks):
            hits = self._ascii_english.get(tuple(t.key for t in toks), set())
            if len(hits) == 1:
                return next(iter(hits))
        return None

    def counts(self) -> dict[str, int]:
        """Entries per domain, in the order of `DOMAINS`."""
        return {d: sum(1 for e in self.entries if e.domain == d) for d in DOMAINS}


# --------------------------------------------------------------------------------------------
# The data file


def _parse(text: str, name: str) -> tuple[list[Entry], dict[str, str]]:
    sources: dict[str, str] = {}
    entries: list[Entry] = []
    for no, line in enumerate(text.splitlines(), start=1):
        where = f"glossary {name} line {no}"
        if not unicodedata.is_normalized("NFC", line):
            raise GlossaryError(f"{where}: not NFC")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("@source "):
            m = re.fullmatch(r"@source ([a-z]+): (\S.*)", stripped)
            if not m:
                raise GlossaryError(f"{where}: expected '@source tag: description'")
            if m.group(1) in sources:
                raise GlossaryError(f"{where}: source {m.group(1)!r} declared twice")
            sources[m.group(1)] = m.group(2)
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 4:
            raise GlossaryError(f"{where}: expected 'domain | english; ... | vietnamese; ... | source'")
        domain, en, vi, source = fields
        if domain not in DOMAINS:
            raise GlossaryError(f"{where}: unknown domain {domain!r}")
        if source not in sources:
            raise GlossaryError(f"{where}: source {source!r} is not declared in the header")
        english = _terms(en, where)
        vietnamese = _terms(vi, where)
        for term in (*english, *vietnamese):
            _check_term(term, where)
        entries.append(Entry(domain, english, vietnamese, source, no))
    if not sources:
        raise GlossaryError(f"glossary {name}: no '@source' lines: the file must say where its words come from")
    unused = set(sources) - {e.source for e in entries}
    if unused:
        raise GlossaryError(f"glossary {name}: declared sources never used: {', '.join(sorted(unused))}")
    return entries, sources


def _terms(field_text: str, where: str) -> tuple[str, ...]:
    terms = tuple(t.strip() for t in field_text.split(";"))
    if not field_text or any(not t for t in terms):
        raise GlossaryError(f"{where}: empty term")
    if len(set(terms)) != len(terms):
        raise GlossaryError(f"{where}: a term is listed twice")
    return terms


def _check_term(term: str, where: str) -> None:
    if "  " in term or "?" in term or not _TOKEN_RE.search(term):
        raise GlossaryError(f"{where}: malformed term {term!r}")
    words = [_fold_token(w)[1] for w in _TOKEN_RE.findall(term)]
    joined = f" {' '.join(words)} "
    if not _QUESTION_WORDS.isdisjoint(words) or any(f" {q} " in joined for q in _QUESTION_PHRASES):
        raise GlossaryError(f"{where}: {term!r} reads like a question, not vocabulary")


def _check_languages(entries: Iterable[Entry], index: dict[tuple[str, ...], list[_Phrase]]) -> None:
    """An English phrase that is also Vietnamese typed without diacritics ("dam" / "đảm") would match
    Vietnamese questions typed on a phone; such a phrase cannot be in the glossary."""
    syllables: dict[str, set[int]] = {}
    for e in entries:
        for term in e.vietnamese:
            for w in _TOKEN_RE.findall(term):
                ascii_, tone = _fold_token(w)
                if ascii_ != tone:
                    syllables.setdefault(ascii_, set()).add(e.line)
    problems: list[str] = []
    for key, phrases in index.items():
        langs = {p.language for p in phrases}
        if len(langs) > 1 and len({p.entry.line for p in phrases}) > 1:
            en = next(p for p in phrases if p.language == "en")
            vi = next(p for p in phrases if p.language == "vi")
            problems.append(f"line {en.entry.line}: English {en.surface!r} reads as Vietnamese {vi.surface!r} "
                            f"(line {vi.entry.line}) without diacritics")
        for p in phrases:
            if p.language == "en" and all(syllables.get(w, set()) - {p.entry.line} for w in key):
                problems.append(f"line {p.entry.line}: English {p.surface!r} is also Vietnamese typed without "
                                "diacritics")
    if problems:
        raise GlossaryError(f"glossary: {len(problems)} English phrase(s) collide with Vietnamese: "
                            + "; ".join(problems))


@functools.cache
def load_glossary() -> Glossary:
    """The bundled glossary, loaded once."""
    return Glossary.from_file(DATA_FILE)


# --------------------------------------------------------------------------------------------
# Check and measure: `python -m bot.glossary`

_SAMPLE_QUESTIONS = (
    "What is the minimum budget per commune per year?",
    "Which department leads the indicator on birth registration?",
    "When is the six-monthly report due, and to whom?",
    "Kinh phí tối thiểu của mỗi xã là bao nhiêu?",
    "han gui bao cao 6 thang la ngay nao",
    "Who signed the plan of the provincial People's Committee?",
    "What share of children under five are stunted in disadvantaged communes?",
    "Sở Nông nghiệp và Môi trường phối hợp thực hiện những nhiệm vụ gì về phòng, chống thiên tai?",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.glossary", description="Check the glossary and time matching.")
    parser.add_argument("--file", type=Path, default=DATA_FILE)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    g = Glossary.from_file(args.file)
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"{g.path}: {len(g.entries)} entries, {sum(len(v) for v in g._index.values())} phrases, "
          f"loaded in {load_ms:.1f} ms")
    for d, n in g.counts().items():
        print(f"  {d:13} {n:4}")
    for tag, desc in g.sources.items():
        print(f"  source {tag}: {sum(1 for e in g.entries if e.source == tag)} entries - {desc[:70]}")
    samples = []
    for q in _SAMPLE_QUESTIONS:
        g.equivalents(q)
        for _ in range(args.repeat):
            t = time.perf_counter()
            g.equivalents(q)
            samples.append(time.perf_counter() - t)
    samples.sort()
    p50 = samples[len(samples) // 2] * 1e6
    p95 = samples[int(len(samples) * 0.95)] * 1e6
    print(f"equivalents(): p50 {p50:.0f} µs, p95 {p95:.0f} µs over {len(samples)} calls")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
