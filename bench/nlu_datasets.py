"""Write the intent benchmark CSVs (text,intent) that the numbers in the notes are measured on.

    .venv/bin/python bench/nlu_datasets.py --out /tmp/nlu-bench
    shopdesk train-intent --train /tmp/nlu-bench/clinc_train.csv --out /tmp/nlu-bench/clinc
    shopdesk eval-intent --model /tmp/nlu-bench/clinc --test /tmp/nlu-bench/clinc_val.csv

Files:
- bitext_heldout.csv: the stratified 15% of Bitext that the default model never trains on
  (less the rows that equal a training row up to letter case);
- shop_heldout.csv: that plus the held-out generated shop intents and out-of-scope rows;
- clinc_train.csv / clinc_val.csv: CLINC150 "full" train + oos_train / val + oos_val;
- banking77_train.csv / banking77_test.csv: BANKING77 train (../shared/data/banking77), split
  stratified 80/20 with a fixed seed (its official test set is not shipped here).
BANKING77 is read from shared/ and written to --out only: it is not shipped with ShopDesk.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from bot.nlu.training_data import default_intent_dataset, nlu_data_dir
from kb import KnowledgeBase
from models.nlu.classifier_training import stratified_split, write_labeled_csv
from models.nlu.types import LabeledText

BANKING77 = Path(__file__).resolve().parents[2] / "shared" / "data" / "banking77" / "train.csv"
SEED = 2024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/nlu-bench"))
    parser.add_argument("--banking77", type=Path, default=BANKING77)
    args = parser.parse_args()
    out = args.out
    dataset = default_intent_dataset(KnowledgeBase.demo())
    _write(out / "bitext_heldout.csv", dataset.bitext_heldout)
    _write(out / "shop_heldout.csv", dataset.heldout)
    data = json.loads((nlu_data_dir() / "clinc150" / "data_full_trainval.json").read_text())
    for name, splits in (("clinc_train", ("train", "oos_train")), ("clinc_val", ("val", "oos_val"))):
        _write(out / f"{name}.csv", [LabeledText(t, i) for s in splits for t, i in data[s]])
    if args.banking77.is_file():
        with open(args.banking77, newline="", encoding="utf-8") as handle:
            rows = [LabeledText(r["text"], r["category"]) for r in csv.DictReader(handle)]
        train, test = stratified_split(rows, 0.2, SEED)
        _write(out / "banking77_train.csv", train)
        _write(out / "banking77_test.csv", test)
    else:
        print(f"skipped BANKING77: {args.banking77} not found")


def _write(path: Path, rows) -> None:
    write_labeled_csv(path, rows)
    print(f"{path}: {len(rows)} rows")


if __name__ == "__main__":
    main()
