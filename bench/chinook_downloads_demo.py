"""Turn the Chinook sample database (a digital media store's tracks and TV episodes) into a store
folder's products.csv: a download shop with nothing to ship.

    .venv/bin/python bench/chinook_downloads_demo.py \
        bench/data/stores/chinook_downloads/export/Chinook_Sqlite.sql \
        bench/data/stores/chinook_downloads/products.csv

Reads `Chinook_Sqlite.sql` of github.com/lerocha/chinook-database (the SQLite script that creates
and fills the database) into an in-memory SQLite database. A product is one track of the genres
in GENRES (music downloads and TV episodes; the rock, metal and Latin bulk is left out to keep
the shop small). Its description is what a download page shows of the record: the artist, the
album, the genre, the composer where the database names one, the running time (from
`Milliseconds`), the file size (from `Bytes`, in MB) and the file format (the media type).
The category is "Music/<genre>" or "Video/<genre>" by the media type; the price is the track's
`UnitPrice`. Downloads never run out: every product is in stock. A bench tool, not a platform
importer.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import write_products_csv  # noqa: E402  (run as a script from bench/)

#: The genres the shop sells (Chinook's genre names).
GENRES = ("Jazz", "Blues", "Classical", "Reggae", "Bossa Nova", "TV Shows", "Comedy")

#: A media type as a download page names the file.
FORMATS = {
    "MPEG audio file": "MP3 audio file (no copy protection)",
    "AAC audio file": "AAC audio file (no copy protection)",
    "Purchased AAC audio file": "AAC audio file (no copy protection)",
    "Protected AAC audio file": "Protected AAC audio file (plays in authorised apps only)",
    "Protected MPEG-4 video file": "Protected MPEG-4 video file (plays in authorised apps only)",
}

_QUERY = """
select t.TrackId, t.Name, a.Title, ar.Name, g.Name, m.Name, t.Composer, t.Milliseconds,
       t.Bytes, t.UnitPrice
from Track t join Album a on a.AlbumId = t.AlbumId join Artist ar on ar.ArtistId = a.ArtistId
     join Genre g on g.GenreId = t.GenreId join MediaType m on m.MediaTypeId = t.MediaTypeId
where g.Name in ({marks}) order by t.TrackId
"""


def running_time(milliseconds: int) -> str:
    """A running time as a player shows it (343719 -> "5:44", 2622250 -> "43:42")."""
    seconds = round(milliseconds / 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


def description(album: str, artist: str, genre: str, media: str, composer: str | None,
                milliseconds: int, size: int) -> str:
    """The download page's text for one track or episode."""
    video = "video" in media.lower()
    lines = [f"{'Episode' if video else 'Track'} from \"{album}\" by {artist}.", "",
             f"Genre: {genre}"]
    if composer:
        lines.append(f"{'Written by' if video else 'Composer'}: {composer}")
    lines += [f"Running time: {running_time(milliseconds)}",
              f"File size: {size / 1_000_000:.1f} MB",
              f"Format: {FORMATS.get(media, media)}"]
    return "\n".join(lines)


def convert(script: Path) -> list[dict]:
    """Every track of the shop's genres as a products.csv row, in the database's order."""
    database = sqlite3.connect(":memory:")
    database.executescript(script.read_text(encoding="utf-8-sig"))
    query = _QUERY.format(marks=", ".join("?" * len(GENRES)))
    rows = []
    for track_id, name, album, artist, genre, media, composer, ms, size, price in \
            database.execute(query, GENRES):
        shelf = "Video" if "video" in media.lower() else "Music"
        rows.append({"sku": f"CH-{track_id:04d}", "name": name.strip(), "price": f"{price:.2f}",
                     "description": description(album, artist, genre, media, composer, ms, size),
                     "categories": f"{shelf}/{genre}", "in_stock": "true"})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("script", type=Path, help="Chinook_Sqlite.sql")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rows = convert(args.script)
    write_products_csv(rows, args.out)
    print(f"{args.out}: {len(rows)} products")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
