"""Imports are bounded: bombs refused before memory grows, endless work stopped by the worker's budget."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.errors import ImportCancelledError, ImportSourceError
from app.importers.limits import check_pdf, check_zip
from app.worker import import_source
from tests.helpers import run_cli
from tests.hostile_files import (docx_bomb, docx_lying_bomb, pdf_flate_bomb, pdf_nested_flate_bomb, pdf_runlength_bomb,
                                 pdf_self_referencing, pdf_slow)

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


@pytest.mark.parametrize("make, suffix", [(docx_bomb, ".docx"), (pdf_flate_bomb, ".pdf")], ids=["zip", "flate"])
def test_bomb_refused_with_the_size_sentence_and_little_memory(tmp_path: Path, make: object, suffix: str) -> None:
    path = make(tmp_path / f"bomb{suffix}", 300)  # type: ignore[operator]
    assert path.stat().st_size < 1024 * 1024
    stats: dict[str, float] = {}
    with pytest.raises(ImportSourceError, match="解压后太大"):
        import_source(path, stats=stats)
    assert stats["peak_mb"] < 200, stats


def test_lying_zip_sizes_are_bounded_by_what_is_read(tmp_path: Path) -> None:
    path = docx_lying_bomb(tmp_path / "lying.docx", 50)
    with pytest.raises(ImportSourceError, match="“lying.docx”"):
        import_source(path)


def test_limits_pass_ordinary_files(tmp_path: Path) -> None:
    small = docx_bomb(tmp_path / "small.docx", 2)
    check_zip(small.read_bytes(), "small.docx")
    check_pdf(pdf_flate_bomb(tmp_path / "small.pdf", 5).read_bytes(), "small.pdf")
    check_zip(b"not a zip", "x.docx")  # the importer says what is wrong with it


def test_endless_pdf_stopped_by_the_time_budget(tmp_path: Path) -> None:
    path = pdf_slow(tmp_path / "slow.pdf", 1_000_000)
    started = time.perf_counter()
    with pytest.raises(ImportSourceError, match="“slow.pdf”在 3 秒内没有读完"):
        import_source(path, timeout=3)
    assert time.perf_counter() - started < 6


def test_self_referencing_page_tree_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportSourceError, match="“loop.pdf”"):
        import_source(pdf_self_referencing(tmp_path / "loop.pdf"), timeout=20)


def test_memory_budget_stops_what_the_checks_miss(tmp_path: Path) -> None:
    """A stream under the size check but over a small budget: the worker's memory cap stops it (Linux)."""
    path = pdf_flate_bomb(tmp_path / "big.pdf", 60)
    stats: dict[str, float] = {}
    with pytest.raises(ImportSourceError, match="“big.pdf”"):
        import_source(path, memory=150 * 1024 * 1024, stats=stats)
    assert stats.get("peak_mb", 0) < 150


def test_cancel_kills_the_worker(tmp_path: Path) -> None:
    path = pdf_slow(tmp_path / "slow.pdf", 1_000_000)
    started = time.perf_counter()
    with pytest.raises(ImportCancelledError, match="已取消导入"):
        import_source(path, cancelled=lambda: time.perf_counter() - started > 0.5)
    assert time.perf_counter() - started < 3


def test_cli_import_of_a_bomb_is_exit_2(tmp_path: Path) -> None:
    path = docx_bomb(tmp_path / "bomb.docx", 100)
    done = run_cli("import", str(path), "-o", str(tmp_path / "x.nianbao"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "解压后太大" in done.stderr and not (tmp_path / "x.nianbao").exists()


@pytest.mark.parametrize("filters", [b"[/FlateDecode /FlateDecode]", b"[/ASCIIHexDecode /FlateDecode /FlateDecode]"],
                         ids=["flate-in-flate", "hex-flate-flate"])
def test_a_stream_decoded_again_inside_the_library_is_bounded_by_its_decoded_size(tmp_path: Path,
                                                                                  filters: bytes) -> None:
    """The first flate layer decodes to well under the limit, so check_pdf passes the file; the
    second layer is decoded by pdfminer only, and bounded there (app.importers.limits), long before
    the worker's memory cap (the sentence would then say 内存超过)."""
    path = pdf_nested_flate_bomb(tmp_path / "nested.pdf", 400, filters)
    assert path.stat().st_size < 1024 * 1024
    check_pdf(path.read_bytes(), "nested.pdf")  # the outer layer alone is harmless
    stats: dict[str, float] = {}
    with pytest.raises(ImportSourceError, match="“nested.pdf”解压后太大（超过 64 MB）"):
        import_source(path, stats=stats)
    assert stats["peak_mb"] < 250, stats


def test_a_runlength_layer_inside_the_library_is_bounded_too(tmp_path: Path) -> None:
    path = pdf_runlength_bomb(tmp_path / "runs.pdf", 100)
    check_pdf(path.read_bytes(), "runs.pdf")  # the flate layer gives 1.6 MB of runs
    with pytest.raises(ImportSourceError, match="“runs.pdf”解压后太大（超过 64 MB）"):
        import_source(path)


def test_bounded_decoding_reads_ordinary_pdfs_and_is_undone(tmp_path: Path) -> None:
    from pdfminer import pdftypes

    from app.importers.limits import bounded_pdf_streams
    from app.importers.pdf import read

    before = pdftypes.zlib
    report = read(REALWORLD / "hongze-2023.pdf").report
    assert report.meta.organ == "淮安市洪泽区人民政府"
    with bounded_pdf_streams("x.pdf"):
        assert pdftypes.zlib is not before
        assert pdftypes.zlib.decompress(__import__("zlib").compress(b"abc" * 1000)) == b"abc" * 1000
    assert pdftypes.zlib is before


def test_a_report_with_texts_far_longer_than_any_report_is_refused(tmp_path: Path) -> None:
    """Imported, it would freeze the window while the rules read it (bench/bench_check_big.py)."""
    from app.importers import MAX_TEXT_CHARS
    from tests.import_sources import report_text

    line = "本年度主动公开政府信息，各项工作稳步推进。"
    path = tmp_path / "long.txt"
    path.write_text(report_text() + (line + "\n") * (MAX_TEXT_CHARS // len(line) + 10), encoding="utf-8")
    with pytest.raises(ImportSourceError, match="“long.txt”的正文共有 .* 个字（其中“六、其他需要报告的事项”"):
        import_source(path)
    fits = tmp_path / "fits.txt"
    fits.write_text(report_text() + (line + "\n") * 2000, encoding="utf-8")  # 42,000 characters: imported
    assert import_source(fits).report.sections["s6"].text.count(line) == 2000
