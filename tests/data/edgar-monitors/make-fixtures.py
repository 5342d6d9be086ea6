#!/usr/bin/env python3
# Writes the fixtures of tests/providers/test-edgar-monitors.c and tests/ui/test-monitors.c:
# replies of SEC EDGAR's company_tickers.json, submissions, filing-header and companyconcept
# APIs in their documented shapes (see ../../../shared research notes on EDGAR, and
# tests/data/README.md), with invented filings and round figures so that every expected
# number in the tests can be checked by hand. Not real filings. Run it from this folder.
import datetime as dt
import json

D = dt.date.fromisoformat

TICKERS = [  # ticker, CIK, name
    ("MU", 723125, "MICRON TECHNOLOGY INC"), ("NVDA", 1045810, "NVIDIA CORP"),
    ("META", 1326801, "Meta Platforms, Inc."), ("MSFT", 789019, "MICROSOFT CORP"),
    ("GOOGL", 1652044, "Alphabet Inc."), ("AMZN", 1018724, "AMAZON COM INC"),
    ("ORCL", 1341439, "ORACLE CORP"), ("IREN", 1878848, "IREN Ltd"),
    ("CORZ", 1839341, "Core Scientific, Inc."), ("WULF", 1083301, "TeraWulf Inc."),
]
CIK = {t: c for t, c, _ in TICKERS}
NAME = {t: n for t, _, n in TICKERS}

def ny_offset(day):
    # US daylight time: second Sunday of March to first Sunday of November
    y = day.year
    march = dt.date(y, 3, 8 + (6 - dt.date(y, 3, 8).weekday()) % 7)
    nov = dt.date(y, 11, 1 + (6 - dt.date(y, 11, 1).weekday()) % 7)
    return 4 if march <= day < nov else 5

# ticker -> [(form, items, New York acceptance "YYYY-MM-DD HH:MM")], any order
FILINGS = {
    "MU": [
        ("8-K", "2.02,9.01", "2025-12-17 16:05"), ("10-Q", "", "2025-12-19 16:30"),
        ("8-K", "8.01", "2026-02-10 14:00"), ("8-K", "2.02,9.01", "2026-03-18 16:02"),
        ("10-Q", "", "2026-03-20 16:30"), ("8-K", "2.02,9.01", "2026-06-24 16:03"),
        ("10-Q", "", "2026-06-26 16:30"), ("8-K", "2.02,9.01", "2026-09-23 16:04"),
    ],
    "NVDA": [("8-K", "2.02,9.01", "2026-08-26 16:20")],
    "META": [("8-K", "2.02,9.01", "2026-04-29 16:05"), ("8-K", "2.02,9.01", "2026-07-29 16:05")],
    "MSFT": [("8-K", "2.02,9.01", "2026-04-28 16:06"), ("8-K", "2.02,9.01", "2026-07-28 16:06")],
    "GOOGL": [("8-K", "2.02,9.01", "2026-04-23 16:01"), ("8-K", "2.02,9.01", "2026-07-23 16:01")],
    "AMZN": [("8-K", "2.02,9.01", "2026-04-30 16:02"), ("8-K", "2.02,9.01", "2026-07-30 16:02")],
    "ORCL": [("8-K", "2.02,9.01", "2026-06-10 16:10"), ("8-K", "2.02,9.01", "2026-09-09 16:10")],
    # miners: item 1.01 twice in 2026 Q1, once in Q2 for IREN; once each for the others
    "IREN": [("6-K", "", "2025-11-10 08:00"), ("8-K", "1.01", "2026-01-12 08:30"),
             ("8-K", "1.01,9.01", "2026-03-02 17:00"), ("8-K", "1.01", "2026-05-20 07:45")],
    "CORZ": [("8-K", "1.01,2.03", "2026-02-17 16:30"), ("8-K", "2.02", "2026-02-26 16:05")],
    "WULF": [("8-K", "1.01", "2026-04-14 06:30"), ("8-K", "8.01", "2026-08-03 09:00")],
}

def accession(ticker, n):
    return "%010d-26-%06d" % (CIK[ticker], n)

def write(name, obj):
    with open(name, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")

write("company_tickers.json",
      {str(i): {"cik_str": c, "ticker": t, "title": n} for i, (t, c, n) in enumerate(TICKERS)})

for ticker, filings in FILINGS.items():
    rows = sorted(filings, key=lambda f: f[2], reverse=True)  # newest first, as EDGAR sends
    cols = {k: [] for k in ("accessionNumber", "filingDate", "reportDate", "acceptanceDateTime",
                            "act", "form", "fileNumber", "filmNumber", "items", "size", "isXBRL",
                            "isInlineXBRL", "primaryDocument", "primaryDocDescription")}
    for i, (form, items, when) in enumerate(rows):
        local = dt.datetime.strptime(when, "%Y-%m-%d %H:%M")
        utc = local + dt.timedelta(hours=ny_offset(local.date()))
        acc = accession(ticker, len(rows) - i)
        cols["accessionNumber"].append(acc)
        cols["filingDate"].append(local.date().isoformat())
        cols["reportDate"].append(local.date().isoformat())
        cols["acceptanceDateTime"].append(utc.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
        cols["act"].append("34")
        cols["form"].append(form)
        cols["fileNumber"].append("000-00000")
        cols["filmNumber"].append("26000000")
        cols["items"].append(items)
        cols["size"].append(12345)
        cols["isXBRL"].append(1)
        cols["isInlineXBRL"].append(1)
        cols["primaryDocument"].append("d%06d.htm" % (len(rows) - i))
        cols["primaryDocDescription"].append(form)
        if i == 0:  # the header of the newest filing: the filer's JSON times are UTC
            header = ("&lt;SEC-HEADER&gt;%s.hdr.sgml : %s\n"
                      "&lt;ACCEPTANCE-DATETIME&gt;%s\nACCESSION NUMBER:\t\t%s\n"
                      "CONFORMED SUBMISSION TYPE:\t%s\nFILED AS OF DATE:\t\t%s\n"
                      "&lt;/SEC-HEADER&gt;\n"
                      % (acc, local.strftime("%Y%m%d"), local.strftime("%Y%m%d%H%M%S"), acc,
                         form, local.strftime("%Y%m%d")))
            with open("%s-index-headers.html" % acc, "w") as f:
                f.write("<html><body><pre>\n" + header + "</pre></body></html>\n")
    write("CIK%010d.json" % CIK[ticker],
          {"cik": str(CIK[ticker]), "entityType": "operating", "name": NAME[ticker],
           "tickers": [ticker], "filings": {"recent": cols, "files": []}})

# Quarterly figures in USD millions (written in USD): ticker -> fiscal years, each
# (first day, [quarter ends], [quarter values]). Cash flow (capex) facts are year to date
# only; income statement facts come as the quarter and year to date.
M = 1000000
CAPEX = {
    "META": [("2025-01-01", ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"],
              [13000, 16000, 18000, 21000]),
             ("2026-01-01", ["2026-03-31"], [20000])],
    "GOOGL": [("2025-01-01", ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"],
               [17000, 22000, 24000, 27000]),
              ("2026-01-01", ["2026-03-31"], [30000])],
    "AMZN": [("2025-01-01", ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"],
              [24000, 31000, 34000, 39000]),
             ("2026-01-01", ["2026-03-31"], [40000])],
    "MSFT": [("2024-07-01", ["2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30"],
              [14000, 15000, 16000, 17000]),
             ("2025-07-01", ["2025-09-30", "2025-12-31", "2026-03-31"], [19000, 22000, 25000])],
    "ORCL": [("2024-06-01", ["2024-08-31", "2024-11-30", "2025-02-28", "2025-05-31"],
              [2000, 3000, 5000, 9000]),
             ("2025-06-01", ["2025-08-31", "2025-11-30", "2026-02-28"], [8000, 12000, 10000])],
}
MU_REVENUE = [("2024-08-30", ["2024-11-28", "2025-02-27", "2025-05-29", "2025-08-28"],
               [8000, 8000, 9000, 11000]),
              ("2025-08-29", ["2025-11-27", "2026-02-26"], [12000, 16000])]
MU_GROSS = [("2024-08-30", ["2024-11-28", "2025-02-27", "2025-05-29", "2025-08-28"],
             [3200, 3000, 3600, 5000]),
            ("2025-08-29", ["2025-11-27", "2026-02-26"], [6000, 9600])]
NVDA_REVENUE = [("2024-01-29", ["2024-04-28", "2024-07-28", "2024-10-27", "2025-01-26"],
                 [26000, 30000, 35000, 39000]),
                ("2025-01-27", ["2025-04-27", "2025-07-27", "2025-10-26", "2026-01-25"],
                 [44000, 46000, 57000, 68000]),
                ("2026-01-26", ["2026-04-26", "2026-07-26"], [77000, 92000])]

def facts(ticker, years, quarterly, amend=None):
    out = []
    n = 100
    for y, (first, ends, values) in enumerate(years):
        fy = (D(first) + dt.timedelta(days=364)).year   # named after the year it ends in
        start = D(first)
        q_start = start
        total = 0
        for q, (end, value) in enumerate(zip(ends, values)):
            total += value
            n += 1
            filed = D(end) + dt.timedelta(days=30 if q < 3 else 55)
            form, fp = ("10-Q", "Q%d" % (q + 1)) if q < 3 else ("10-K", "FY")
            acc = "%010d-%02d-%06d" % (CIK[ticker], filed.year % 100, n)
            base = {"accn": acc, "fy": fy, "fp": fp, "form": form, "filed": filed.isoformat()}
            if quarterly and q < 3:
                out.append(dict(start=q_start.isoformat(), end=end, val=value * M, **base))
            out.append(dict(start=start.isoformat(), end=end, val=total * M, **base))
            q_start = D(end) + dt.timedelta(days=1)
    return out

def concept(ticker, tag, label, years, quarterly):
    write("concept_CIK%010d_%s.json" % (CIK[ticker], tag),
          {"cik": CIK[ticker], "taxonomy": "us-gaap", "tag": tag, "label": label,
           "description": label + ".", "entityName": NAME[ticker],
           "units": {"USD": facts(ticker, years, quarterly)}})

for ticker, years in CAPEX.items():
    concept(ticker, "PaymentsToAcquirePropertyPlantAndEquipment",
            "Payments to Acquire Property, Plant, and Equipment", years, False)
# Micron files its revenue under the ASC 606 tag, not "Revenues" (a request for that is a 404).
concept("MU", "RevenueFromContractWithCustomerExcludingAssessedTax",
        "Revenue from Contract with Customer, Excluding Assessed Tax", MU_REVENUE, True)
concept("MU", "GrossProfit", "Gross Profit", MU_GROSS, True)
concept("NVDA", "Revenues", "Revenues", NVDA_REVENUE, True)
