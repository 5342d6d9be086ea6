#!/usr/bin/env python3
# An independent check of the numbers tests/providers/test-edgar-monitors.c expects from
# `chipcycle analyze --filings MU --items 2.02 --last 3`: the market model of MU against ^SOX
# fitted by hand on the bundled closes (data/dataset/offline-series.csv), days -250..-11 of
# each event day, abnormal returns summed over each window, and the mean CAR with its
# cross-sectional t. Prints what the test asserts. Run it from this folder.
import csv, math, statistics

closes = {}
with open("../../../data/dataset/offline-series.csv") as f:
    for row in csv.reader(line for line in f if not line.startswith("#")):
        if row[0] == "date":
            continue
        closes.setdefault(row[1], {})[row[0]] = float(row[3])
days = sorted(closes["^SOX"])           # every NYSE session of the data
def ret(sym, i):
    return closes[sym][days[i]] / closes[sym][days[i - 1]] - 1 if i > 0 else None

events = ["2026-03-19", "2026-06-25", "2026-09-24"]   # --last 3 of MU's 2.02 filings
windows = [(0, 0), (-1, 1), (0, 5), (0, 20)]
cars = {w: [] for w in windows}
for e in events:
    k = days.index(e)
    xs, ys = [], []
    for tau in range(-250, -10):
        i = k + tau
        if i >= 1:
            xs.append(ret("^SOX", i)); ys.append(ret("MU", i))
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    beta = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    alpha = my - beta * mx
    print(e, "estimation days", len(xs), "beta %.6f" % beta)
    for w in windows:
        if k + w[1] >= len(days):
            print("  CAR%s n/a" % (w,)); continue
        car = sum(ret("MU", k + t) - alpha - beta * ret("^SOX", k + t)
                  for t in range(w[0], w[1] + 1))
        cars[w].append(car)
        print("  CAR%s %+.6f%%" % (w, car * 100))
for w in windows:
    v = cars[w]
    m = sum(v) / len(v)
    t = m / (statistics.stdev(v) / math.sqrt(len(v))) if len(v) > 1 else float("nan")
    print("mean CAR%s over %d: %+.6f%%  t %+.6f" % (w, len(v), m * 100, t))
