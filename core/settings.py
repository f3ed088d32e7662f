"""Settings plumbing: one tree of pydantic models, filled from PLANQA_* environment variables.

Each layer and channel owns a `Section` of the tree. A section names the prefix of its
variables (`env_prefix`); a field may name its variable outright with `Env("PLANQA_INDEX")`.
The root is a `TreeSettings`: its only sources are the arguments it is built with (first) and
the environment, so every variable has exactly one field and one name, which is also what an
error message and `planqa config` show.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from core.errors import ConfigError

ROOT_PREFIX = "PLANQA_"
MASK = "********"

T = TypeVar("T", bound=BaseSettings)


@dataclass(frozen=True)
class Env:
    """Field metadata naming the field's environment variable: `Annotated[Path, Env("PLANQA_INDEX")]`."""

    name: str


class Section(BaseModel):
    """A part of the settings tree; its variables are `env_prefix` + the field name in capitals."""

    model_config = ConfigDict(extra="forbid")
    env_prefix: ClassVar[str] = ROOT_PREFIX


@dataclass(frozen=True)
class Variable:
    """One environment variable and the place of its field in the tree."""

    name: str  # PLANQA_ZALO_APP_ID
    path: tuple[str, ...]  # ("channels", "zalo_oa", "app_id")
    secret: bool


def _section_type(field: FieldInfo) -> type[BaseModel] | None:
    annotation = field.annotation
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _is_secret(field: FieldInfo) -> bool:
    annotation = field.annotation
    return annotation is SecretStr or SecretStr in get_args(annotation)


def variables(model: type[BaseModel], prefix: str = ROOT_PREFIX, path: tuple[str, ...] = ()) -> Iterator[Variable]:
    """Every variable of the tree rooted at `model`, depth first in field order."""
    for name, field in model.model_fields.items():
        section = _section_type(field)
        if section is not None:
            yield from variables(section, getattr(section, "env_prefix", prefix), (*path, name))
            continue
        explicit = next((m.name for m in field.metadata if isinstance(m, Env)), None)
        yield Variable(explicit or prefix + name.upper(), (*path, name), _is_secret(field))


class TreeEnvSource(PydanticBaseSettingsSource):
    """Reads each variable of the tree (names are case-insensitive, as in pydantic-settings)."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str] | None = None) -> None:
        super().__init__(settings_cls)
        self._environ = environ

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # values come from __call__, for the whole tree at once

    def __call__(self) -> dict[str, Any]:
        environ = {k.upper(): v for k, v in (self._environ if self._environ is not None else os.environ).items()}
        values: dict[str, Any] = {}
        for variable in variables(self.settings_cls):
            if variable.name in environ:
                node = values
                for part in variable.path[:-1]:
                    node = node.setdefault(part, {})
                node[variable.path[-1]] = environ[variable.name]
        return values


class TreeSettings(BaseSettings):
    """The root of a settings tree: arguments first, then PLANQA_* variables, then defaults."""

    model_config = SettingsConfigDict(extra="forbid")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, TreeEnvSource(settings_cls)


def load_settings(cls: type[T], **overrides: Any) -> T:
    """`cls(**overrides)`, or a ConfigError whose one line names the offending variable."""
    try:
        return cls(**overrides)
    except ValidationError as exc:
        raise ConfigError(explain(cls, exc)) from None


def explain(cls: type[BaseModel], exc: ValidationError) -> str:
    """One line for the first error: the variable, the value (never a secret's) and what is wrong."""
    errors = exc.errors()
    first = errors[0]
    loc = tuple(str(part) for part in first["loc"])
    by_path = {v.path: v for v in variables(cls)}
    variable = next((by_path[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in by_path), None)
    reason = str(first["msg"]).removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    if variable is None:
        return f"invalid settings: {reason}{more}"
    shown = MASK if variable.secret else repr(first.get("input"))
    return f"invalid setting {variable.name}={shown}: {reason}{more}"


@dataclass(frozen=True)
class Row:
    """One line of `planqa config`."""

    name: str
    path: str
    value: Any  # secrets masked
    origin: str  # "environment", "argument" or "default"


def describe(settings: BaseModel, environ: Mapping[str, str] | None = None,
             arguments: Collection[str] = ()) -> list[Row]:
    """Every setting in force, secrets masked, with where its value came from.

    `arguments` are the dotted paths (e.g. "index_dir") given on the command line, which win.
    """
    present = {k.upper() for k in (environ if environ is not None else os.environ)}
    rows = []
    for variable in variables(type(settings)):
        owner: Any = settings
        for part in variable.path[:-1]:
            owner = getattr(owner, part)
        value = getattr(owner, variable.path[-1])
        default = type(owner).model_fields[variable.path[-1]].get_default(call_default_factory=True)
        path = ".".join(variable.path)
        if path in arguments:
            origin = "argument"
        elif variable.name in present:
            origin = "environment"
        else:
            origin = "default" if value == default else "argument"
        rows.append(Row(variable.name, path, _shown(value), origin))
    return rows


def _shown(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return MASK if value.get_secret_value() else ""
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def unknown_variables(cls: type[BaseModel], environ: Mapping[str, str] | None = None,
                      also_known: frozenset[str] = frozenset()) -> list[str]:
    """PLANQA_* variables that no field reads (a typo, or a name from an older release)."""
    known = {v.name for v in variables(cls)} | also_known
    names = environ if environ is not None else os.environ
    return sorted(n for n in (k.upper() for k in names) if n.startswith(ROOT_PREFIX) and n not in known)


def secret_value(value: SecretStr | None) -> str:
    """A secret as text, stripped ("" when unset)."""
    return value.get_secret_value().strip() if value is not None else ""
