"""Group heading rows of an indicator table ("I | Nhóm chỉ tiêu về …") are no indicators."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ingest.loaders import load_document
from ingest.parse import parse_document


def test_group_rows_of_a_workbook_table_gather_indicators_and_are_none_themselves(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ỦY BAN NHÂN DÂN TỈNH LAM SƠN"])
    ws.append(["BẢNG PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN NÔNG THÔN GIAI ĐOẠN 2026-2030"])
    ws.append(["STT", "Chỉ tiêu", "Chỉ tiêu năm 2030", "Cơ quan chủ trì", "Cơ quan phối hợp"])
    ws.append(["I", "Nhóm chỉ tiêu về hạ tầng"])
    ws.merge_cells(start_row=4, start_column=2, end_row=4, end_column=5)
    ws.append([1, "Tỷ lệ xã có đường ô tô đến trung tâm", "100%", "Sở Xây dựng", "Sở Tài chính"])
    ws.append([2, "Tỷ lệ hộ dùng nước sạch", "95%", "Sở Nông nghiệp và Môi trường", "UBND các xã"])
    ws.append(["II", "Nhóm chỉ tiêu về văn hóa"])
    ws.merge_cells(start_row=7, start_column=2, end_row=7, end_column=5)
    ws.append([3, "Tỷ lệ thôn có nhà văn hóa", "90%", "Sở Văn hóa, Thể thao và Du lịch", "UBND các xã"])
    path = tmp_path / "phan_cong.xlsx"
    wb.save(path)

    doc = parse_document(load_document(path))

    # The header line above the table names the issuer; the table's own title ("BẢNG …") is the title.
    assert (doc.meta.issuer, doc.meta.place, doc.meta.place_level) == ("Ủy ban nhân dân tỉnh Lam Sơn", "Lam Sơn", "tỉnh")
    assert doc.meta.title is not None and doc.meta.title.startswith("Bảng phân công thực hiện các chỉ tiêu")

    assert [(i.number, i.goal) for i in doc.indicators] == [
        (1, "Nhóm chỉ tiêu về hạ tầng"), (2, "Nhóm chỉ tiêu về hạ tầng"), (3, "Nhóm chỉ tiêu về văn hóa")]
    leads = {(a.indicator_number, a.agency) for a in doc.assignments if a.role == "lead"}
    assert leads == {(1, "Sở Xây dựng"), (2, "Sở Nông nghiệp và Môi trường"), (3, "Sở Văn hóa, Thể thao và Du lịch")}
