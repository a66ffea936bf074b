#!/usr/bin/env python3
"""Write the input files of scenarios/calc-files.sh (deterministic: fixed seed).

    calc_files_data.py <out-dir> [rows]

Creates <out-dir>/csv/data.csv and <out-dir>/json/data.json with the same logical rows
(NULLs, negative and extreme numbers, multi-byte UTF-8, quotes and commas in strings), and prints
"expected_csv=<n>" and "expected_json=<n>": how many rows pass the scenario's WHERE clause, so that an empty
output on both sides cannot pass as "identical".
"""
import csv
import json
import os
import random
import sys

NULL = "\\N"  # the CSV sources declare 'csv.null-literal' = '\N'

NAMES = [
    "alice", "Bob", "straße", "Ærøskøbing", "日本語テキスト", "emoji😀x", "😀😁😂", "ﬁne",
    "İstanbul", "ǅungla", "ÀÉÎÕÜ", "ω-Ωmega", "a,b", 'say "hi"', "  padded  ", "",
    "x", "ab", "Ελληνικά", "кириллица", "עברית", "tab\there", "mixed ÄöÜ ß end",
]
CITIES = ["Berlin", "München", "東京", "São Paulo", "Zürich", "", "Kraków", "Reykjavík"]
DOUBLES = ["1.5", "-2.25", "0.0", "-0.0", "3.14159", "1.0E10", "-7.5E-5", "123456.789", "1.0E308"]


def rows(n, rng):
    for i in range(1, n + 1):
        qty = None if i % 11 == 0 else rng.choice(
            [rng.randint(-1000, 1000), 0, 13, -1, 2147483647, -2147483648, rng.randint(-50, 50)])
        price = None if i % 13 == 0 else "%d.%02d" % (rng.randint(-99999, 99999), rng.randint(0, 99))
        if price is not None and price.startswith("-0") and price == "-0.00":
            price = "0.00"
        amount = None if i % 17 == 0 else rng.choice(
            [rng.randint(-10**12, 10**12), 9223372036854775807 - i, -9223372036854775807 + i, 0])
        name = None if i % 7 == 0 else rng.choice(NAMES)
        flag = None if i % 19 == 0 else rng.random() < 0.5
        dbl = None if i % 23 == 0 else rng.choice(DOUBLES)
        day = None if i % 29 == 0 else "%04d-%02d-%02d" % (rng.choice([1970, 1999, 2000, 2024, 2038]),
                                                             rng.randint(1, 12), rng.randint(1, 28))
        city = None if i % 5 == 0 else rng.choice(CITIES)
        zipc = None if i % 9 == 0 else rng.randint(-100, 99999)
        yield dict(id=i, qty=qty, price=price, amount=amount, name=name, flag=flag, dbl=dbl,
                   day=day, city=city, zip=zipc)


def passes(r):
    # Mirrors: WHERE id % 7 <> 3 AND (qty IS NULL OR qty <> 13)
    return r["id"] % 7 != 3 and (r["qty"] is None or r["qty"] != 13)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    rng = random.Random(20260623)
    data = list(rows(n, rng))
    os.makedirs(os.path.join(out, "csv"), exist_ok=True)
    os.makedirs(os.path.join(out, "json"), exist_ok=True)

    def c(v):
        if v is None:
            return NULL
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(v)

    with open(os.path.join(out, "csv", "data.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for r in data:
            w.writerow([c(r[k]) for k in
                        ("id", "qty", "price", "amount", "name", "flag", "dbl", "day", "city", "zip")])

    with open(os.path.join(out, "json", "data.json"), "w", encoding="utf-8") as f:
        for r in data:
            o = {"id": r["id"], "qty": r["qty"],
                 "price": None if r["price"] is None else float(r["price"]) if r["id"] % 2 else r["price"],
                 "amount": r["amount"], "name": r["name"], "flag": r["flag"], "day": r["day"],
                 "info": None if r["id"] % 31 == 0 else {"city": r["city"], "zip": r["zip"]}}
            if r["id"] % 10 == 0:
                del o["qty"]  # a missing field reads as NULL, like an explicit null
            f.write(json.dumps(o, ensure_ascii=(r["id"] % 3 == 0)) + "\n")

    # The JSON side drops qty for every 10th row (read as NULL), so its count differs.
    json_rows = [dict(r, qty=None) if r["id"] % 10 == 0 else r for r in data]
    print("expected_csv=%d" % sum(1 for r in data if passes(r)))
    print("expected_json=%d" % sum(1 for r in json_rows if passes(r)))


if __name__ == "__main__":
    main()
