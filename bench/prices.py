#!/usr/bin/env python3
# prices.py: writes the benchmarks' wide CSV: 16 symbols, ROWS trading days of a deterministic
# random walk from 2016-01-04 (the same numbers on every machine).
#
#   bench/prices.py OUT.csv [ROWS]      (ROWS defaults to 2520, ten years)
import datetime
import random
import sys

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 2520
symbols = ["SOX", "MU", "SNDK", "NVDA", "AMD", "TSM", "AVGO", "KLAC", "LRCX", "AMAT", "CRWV",
           "NBIS", "IREN", "CORZ", "WULF", "META"]
rng = random.Random(20260701)
levels = [100.0 + 20 * i for i in range(len(symbols))]
day = datetime.date(2016, 1, 4)
with open(path, "w") as f:
    f.write("date," + ",".join(symbols) + "\n")
    written = 0
    while written < rows:
        if day.weekday() < 5:
            levels = [v * (1 + rng.gauss(0.0004, 0.02)) for v in levels]
            f.write(day.isoformat() + "," + ",".join("%.4f" % v for v in levels) + "\n")
            written += 1
        day += datetime.timedelta(days=1)
