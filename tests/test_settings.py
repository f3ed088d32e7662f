"""The one settings tree: PLANQA_* variables, their sections, `planqa config`, and clear failures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from api.cli import NOT_SETTINGS
from api.settings import ServiceSettings
from bot.settings import Settings
from core.errors import ConfigError
from core.settings import MASK, describe, explain, load_settings, unknown_variables, variables

REPO = Path(__file__).resolve().parents[1]
PRODUCT = ("core", "ingest", "index", "bot", "api", "eval")


def planqa(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in __import__("os").environ.items() if not k.upper().startswith("PLANQA_")}
    return subprocess.run([sys.executable, "-m", "planqa_cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO, env={**clean, **(env or {})})


# ---------------------------------------------------------------- the tree


def test_each_variable_names_one_field() -> None:
    names = [v.name for v in variables(ServiceSettings)]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert all(re.fullmatch(r"PLANQA_[A-Z0-9_]+", n) for n in names)
    # The answering tree is the service tree's root: the CLI, API, Zalo and eval read the same fields.
    assert [v for v in variables(Settings)] == [v for v in variables(ServiceSettings)][: len(list(variables(Settings)))]


def test_every_variable_in_the_readme_is_read() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = {n for n in re.findall(r"PLANQA_[A-Z0-9_]*", readme) if not n.endswith("_")}  # not "PLANQA_ZALO_*"
    known = {v.name for v in variables(ServiceSettings)} | NOT_SETTINGS
    assert documented and documented <= known, sorted(documented - known)


def test_every_field_is_read_somewhere() -> None:
    """Each leaf field is read as `.name` in product code other than where its section is defined."""
    sources = {p: p.read_text(encoding="utf-8") for d in PRODUCT for p in (REPO / d).rglob("*.py")}
    sources[REPO / "planqa_cli.py"] = (REPO / "planqa_cli.py").read_text(encoding="utf-8")
    unread = []
    for variable in variables(ServiceSettings):
        field = variable.path[-1]
        pattern = re.compile(rf"\.{field}\b")
        readers = [p for p, text in sources.items() if pattern.search(text) and not _defines(text, field)]
        if not readers:
            unread.append(variable.name)
    assert not unread, f"settings no code reads: {unread}"


def _defines(text: str, field: str) -> bool:
    return re.search(rf"^\s+{field}: ", text, re.M) is not None and "(Section)" in text


def test_arguments_override_the_environment_and_sections_read_their_own_prefix(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANQA_INDEX", "/srv/from-env")
    monkeypatch.setenv("planqa_top_k", "5")  # names are case-insensitive
    monkeypatch.setenv("PLANQA_LLM_TIMEOUT_S", "7.5")
    monkeypatch.setenv("PLANQA_CHAT_ANSWER_WORKERS", "2")
    monkeypatch.setenv("PLANQA_ZALO_APP_ID", "42")
    settings = ServiceSettings(index_dir=tmp_path, bot={"fusion": "weighted"})
    assert settings.index_dir == tmp_path
    assert (settings.bot.top_k, settings.bot.fusion, settings.bot.llm.timeout_s) == (5, "weighted", 7.5)
    assert settings.channels.chat.answer_workers == 2 and settings.channels.zalo_oa.app_id == "42"
    assert ServiceSettings().index_dir == Path("/srv/from-env")


@pytest.mark.parametrize(("name", "value", "reason"), [
    ("PLANQA_TOP_K", "99", "less than or equal to 50"),
    ("PLANQA_FUSION", "magic", "'rrf' or 'weighted'"),
    ("PLANQA_CHAT_ANSWER_WORKERS", "zero", "valid integer"),
    ("PLANQA_RATE_LIMIT", "lots", "30/minute"),
    ("PLANQA_LOG_LEVEL", "LOUD", "log level"),
    ("PLANQA_ZALO_BOT_API_BASE", "ftp://zalo", "https://"),
])
def test_an_invalid_value_is_one_line_naming_its_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                                          reason: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings(ServiceSettings)
    message = info.value.message
    assert message.startswith(f"invalid setting {name}=") and reason in message and "\n" not in message


def test_an_invalid_secret_is_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    monkeypatch.setenv("PLANQA_ENABLE_ADMIN", "true")
    monkeypatch.setenv("PLANQA_ADMIN_KEY", "changeme")
    with pytest.raises(ConfigError, match="PLANQA_ADMIN_KEY is a placeholder") as info:
        load_settings(ServiceSettings)
    assert "changeme" not in info.value.message
    monkeypatch.delenv("PLANQA_ENABLE_ADMIN")
    with pytest.raises(ValidationError) as raw:
        ServiceSettings(channels={"chat": {"user_hash_key": ["not", "text"]}})
    line = explain(ServiceSettings, raw.value)
    assert line.startswith(f"invalid setting PLANQA_CHAT_USER_HASH_KEY={MASK}:") and "not" not in line.split(":", 1)[0]


def test_describe_masks_secrets_and_tells_where_values_come_from(tmp_path: Path) -> None:
    environ = {"PLANQA_ADMIN_KEY": "a-real-admin-key-0123456789", "PLANQA_TOP_K": "3"}
    settings = ServiceSettings(index_dir=tmp_path, api={"admin_key": environ["PLANQA_ADMIN_KEY"]}, bot={"top_k": 3})
    rows = {r.name: r for r in describe(settings, environ, arguments=("index_dir",))}
    assert set(rows) == {v.name for v in variables(ServiceSettings)}
    assert (rows["PLANQA_ADMIN_KEY"].value, rows["PLANQA_ADMIN_KEY"].origin) == (MASK, "environment")
    assert (rows["PLANQA_TOP_K"].value, rows["PLANQA_TOP_K"].origin) == (3, "environment")
    assert (rows["PLANQA_INDEX"].value, rows["PLANQA_INDEX"].origin) == (str(tmp_path), "argument")
    assert (rows["PLANQA_ZALO_BOT_TOKEN"].value, rows["PLANQA_ZALO_BOT_TOKEN"].origin) == (None, "default")
    assert rows["PLANQA_FUSION"].origin == "default" and rows["PLANQA_FUSION"].path == "bot.fusion"


def test_unknown_variables_are_reported() -> None:
    environ = {"PLANQA_TOP_K": "3", "PLANQA_ZALO_ANSWER_WORKERS": "4", "PLANQA_DEBUG_TIMING": "1", "HOME": "/"}
    assert unknown_variables(ServiceSettings, environ, also_known=NOT_SETTINGS) == ["PLANQA_ZALO_ANSWER_WORKERS"]


# ---------------------------------------------------------------- through the CLI


def test_planqa_config_prints_what_is_in_force_with_secrets_masked(tmp_path: Path) -> None:
    secrets = {"PLANQA_ADMIN_KEY": "a-real-admin-key-0123456789", "PLANQA_ZALO_BOT_TOKEN": "12345:secret-bot-token",
               "PLANQA_LLM_API_KEY": "sk-secret-llm-key"}
    env = {**secrets, "PLANQA_ENABLE_ADMIN": "true", "PLANQA_TOP_K": "4", "PLANQA_ZALO_LOG_MESSAGES": "true"}
    text = planqa("config", "--index", str(tmp_path), env=env)
    assert text.returncode == 0, text.stderr
    for secret in secrets.values():
        assert secret not in text.stdout
    lines = {line.split()[0]: line for line in text.stdout.splitlines() if line.startswith("PLANQA_")}
    assert "********" in lines["PLANQA_ADMIN_KEY"] and "(environment)" in lines["PLANQA_ADMIN_KEY"]
    assert "4" in lines["PLANQA_TOP_K"].split() and f'"{tmp_path}"' in lines["PLANQA_INDEX"]
    assert "(argument)" in lines["PLANQA_INDEX"] and "(default)" in lines["PLANQA_FUSION"]
    assert "warning: PLANQA_ZALO_LOG_MESSAGES is set but no setting reads it" in text.stdout
    as_json = planqa("config", "--json", env=env)
    rows: list[dict[str, Any]] = json.loads(as_json.stdout)
    assert {r["name"]: r["value"] for r in rows}["PLANQA_ZALO_BOT_TOKEN"] == MASK
    assert all(secret not in as_json.stdout for secret in secrets.values())


@pytest.mark.parametrize("command", [["config"], ["serve", "--port", "1"], ["ask", "Chỉ tiêu 14?"]])
def test_an_invalid_value_stops_start_up_with_one_line(command: list[str]) -> None:
    result = planqa(*command, env={"PLANQA_CHAT_MAX_SESSIONS": "-5"} if command[0] != "ask" else
                    {"PLANQA_MAX_QUESTION_CHARS": "many"})
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: invalid setting PLANQA_"), result.stderr
    assert "Traceback" not in result.stderr and "uvicorn" not in result.stderr.lower()


def test_top_k_reaches_the_answerer(sample_plan_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.pipeline import build_pipeline

    pipeline = build_pipeline(Settings(index_dir=sample_plan_index, bot={"top_k": 3}))
    asked: list[int] = []
    real = pipeline.retriever.retrieve

    def spy(question: str, k: int = 8, **kwargs: Any) -> Any:
        asked.append(k)
        return real(question, k, **kwargs)

    monkeypatch.setattr(pipeline.retriever, "retrieve", spy)
    pipeline.ask("Sở Y tế tổ chức tiêm chủng mở rộng ở đâu?")
    assert asked and set(asked) == {3}
