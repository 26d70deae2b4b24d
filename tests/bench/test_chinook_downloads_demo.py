"""bench/chinook_downloads_demo.py: the Chinook database's SQL script read into products.csv rows
(a track or episode of the shop's genres, its description the record's fields as a download
page shows them), and the chinook_downloads store made from them loads without a skipped row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "chinook_downloads"

_SCRIPT = """
CREATE TABLE [Artist] ([ArtistId] INTEGER, [Name] NVARCHAR(120));
CREATE TABLE [Album] ([AlbumId] INTEGER, [Title] NVARCHAR(160), [ArtistId] INTEGER);
CREATE TABLE [Genre] ([GenreId] INTEGER, [Name] NVARCHAR(120));
CREATE TABLE [MediaType] ([MediaTypeId] INTEGER, [Name] NVARCHAR(120));
CREATE TABLE [Track] ([TrackId] INTEGER, [Name] NVARCHAR(200), [AlbumId] INTEGER, [MediaTypeId] INTEGER,
    [GenreId] INTEGER, [Composer] NVARCHAR(220), [Milliseconds] INTEGER, [Bytes] INTEGER, [UnitPrice] NUMERIC(10,2));
INSERT INTO [Artist] VALUES (1, 'The Quartet'), (2, 'Night Show'), (3, 'Loud Band');
INSERT INTO [Album] VALUES (1, 'Blue Evenings', 1), (2, 'Night Show, Season 1', 2), (3, 'Noise', 3);
INSERT INTO [Genre] VALUES (1, 'Rock'), (2, 'Jazz'), (19, 'TV Shows');
INSERT INTO [MediaType] VALUES (1, 'MPEG audio file'), (3, 'Protected MPEG-4 video file');
INSERT INTO [Track] VALUES (7, 'So Blue', 1, 1, 2, 'A. Writer', 564000, 18400000, 0.99);
INSERT INTO [Track] VALUES (8, 'Pilot', 2, 3, 19, NULL, 2631000, 257900000, 1.99);
INSERT INTO [Track] VALUES (9, 'Too Loud', 3, 1, 1, NULL, 200000, 4000000, 0.99);
"""


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("chinook_downloads_demo.py")


def test_a_track_of_the_shops_genres_is_a_download_page(converter, tmp_path):
    script = tmp_path / "chinook.sql"
    script.write_text(_SCRIPT, encoding="utf-8")
    track, episode = converter.convert(script)  # rock is not among the shop's genres
    assert (track["sku"], track["name"], track["price"], track["categories"], track["in_stock"]) == \
        ("CH-0007", "So Blue", "0.99", "Music/Jazz", "true")
    for said in ('Track from "Blue Evenings" by The Quartet.', "Composer: A. Writer", "Running time: 9:24",
                 "File size: 18.4 MB", "Format: MP3 audio file"):
        assert said in track["description"], said
    assert episode["categories"] == "Video/TV Shows" and episode["price"] == "1.99"
    assert "Running time: 43:51" in episode["description"] and "Composer" not in episode["description"]
    assert "Protected MPEG-4 video file" in episode["description"]


def test_the_store_made_from_the_export_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export" / "Chinook_Sqlite.sql")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert rows == written
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 468 and not kb.problems
    # a download shop: nothing ships, refunds only within 14 days
    assert kb.currency == "CAD" and kb.shipping is None and kb.return_policy.window_days == 14
