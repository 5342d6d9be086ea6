/* cc-monitors.h: the four monitors fed by reported numbers (SEC EDGAR), built from quarterly
 * figures (cc_edgar_quarters()) and filings already read: hyperscaler capex, Micron's gross
 * margin (a memory pricing proxy), NVIDIA's revenue growth (an AI demand proxy) and the
 * miners' material agreements (8-K item 1.01). No network here: cc-edgar-monitors.c fetches. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-edgar.h"
#include "cc-event.h"

G_BEGIN_DECLS

/* One quarter of a monitor. Capex and the miners' counts are placed on calendar quarters (the
 * one holding the middle of a fiscal quarter, so Oracle's quarter to 30 November counts as the
 * fourth); the margin and the growth on the company's real fiscal quarter end. */
typedef struct {
  CcDate  start;
  CcDate  end;
  int     year;           /* calendar (capex, miners) or fiscal year (MU, NVDA) */
  int     quarter;        /* 1..4 */
  double  value;          /* USD; a fraction (margin, growth); a count */
  gboolean complete;      /* every company of the monitor reported it (capex) */
  char   *missing;        /* the symbols without a figure, "ORCL, MSFT", or NULL */
  gboolean has_change;
  double  change;         /* against the same quarter a year before: growth (capex, counts:
                           * a fraction), percentage points as a fraction (margin, growth) */
  char   *accession;      /* the latest filing behind the value, or NULL */
  char   *form;
  CcDate  filed;
} CcMonitorPoint;

typedef struct {
  char   *symbol;
  char   *concept;        /* the tag the figures came from, or NULL (filings) */
  GArray *points;         /* CcMonitorPoint, oldest first */
} CcMonitorSeries;

typedef struct {
  CcMonitor     kind;
  gboolean      is_proxy;      /* a stand-in for what the article watches, said so */
  char         *title;
  char         *source;        /* where the numbers come from, in words */
  GArray       *points;        /* the headline series (CcMonitorPoint), oldest first */
  GPtrArray    *series;        /* CcMonitorSeries, one per company */
  /* Capex only: the last results day (8-K item 2.02) of the hyperscalers on or before the
   * reference day, and the next one expected (thirteen weeks on from one, an estimate). */
  CcDate        last_guidance;
  char         *last_guidance_symbol;
  CcDate        next_guidance;
  char         *next_guidance_symbol;
  /* Miners only: the last day whose filings were counted (quarters after it are unknown). */
  CcDate        through;
} CcReportedMonitor;

void       cc_reported_monitor_free          (CcReportedMonitor *monitor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcReportedMonitor, cc_reported_monitor_free)

/* The latest point of the headline series, or NULL (capex: the latest complete one). */
const CcMonitorPoint *cc_monitor_get_latest (const CcReportedMonitor *monitor);
/* What the monitor reads now, in one sentence for people (translated); NULL without data. */
char      *cc_monitor_describe      (const CcReportedMonitor *monitor);

/* @symbols[i]'s quarters in @quarters[i] (NULL when not fetched); @results[i] its results
 * filings (CcEdgarFiling with item 2.02, or NULL). @today dates the guidance days. */
CcReportedMonitor *cc_monitor_capex_new     (const char * const *symbols,
                                     GArray * const     *quarters,
                                     GPtrArray * const  *results,
                                     guint               n,
                                     CcDate              today);
/* Gross profit over revenue, per fiscal quarter both report. */
CcReportedMonitor *cc_monitor_margin_new    (const char         *symbol,
                                     GArray             *gross_profit,
                                     GArray             *revenue,
                                     const char         *revenue_concept);
/* Revenue growth on the same fiscal quarter a year before. */
CcReportedMonitor *cc_monitor_growth_new    (const char         *symbol,
                                     GArray             *revenue,
                                     const char         *revenue_concept);
/* Filings with 8-K item 1.01 per calendar quarter (of the filing date), from the first to the
 * last quarter with any filing of @filings[i] up to @today. */
CcReportedMonitor *cc_monitor_agreements_new (const char * const *symbols,
                                      GPtrArray * const  *filings,
                                      guint               n,
                                      CcDate              today);

/* What a monitor says as of a day, for the assessment's rules (cc-assessment.c): one value per
 * quarter, with the first day it was public. The value is the indicator's: capex growth on a
 * year in percent, the margin's change on a year in percentage points, the revenue growth on
 * a year in percent, the count of material agreements. */
typedef struct {
  CcDate  known;          /* the filing date of the latest filing behind the value (EDGAR dates a
                           * filing on or after the day it accepted it), or, for the miners'
                           * count, the quarter's last day */
  CcDate  end;            /* the quarter's end */
  int     year;           /* as in CcMonitorPoint */
  int     quarter;
  double  value;
  char   *form;           /* the latest filing behind the value; NULL for a count of none */
  char   *accession;
  CcDate  filed;
} CcMonitorReading;

/* Every quarter of @monitor with a value for the rules, oldest first. */
GArray    *cc_monitor_readings      (const CcReportedMonitor *monitor);
/* The reading for @as_of: of those known on or before it, the one of the latest quarter; NULL
 * when none is. */
const CcMonitorReading *cc_monitor_readings_at (GArray *readings,
                                                CcDate  as_of);

/* All four, or as many as were fetched (NULL entries otherwise), with the fetch time.
 * Reference counted, and not changed once built, so that a report written in a thread can
 * hold the window's. */
typedef struct {
  CcReportedMonitor *monitors[CC_N_MONITORS];
  gint64     fetched_at;        /* Unix time of the oldest reply behind them, 0 if unknown */
  GPtrArray *problems;          /* char *: what could not be fetched, for people */
  /*< private >*/
  gatomicrefcount ref_count;
} CcReportedMonitors;

CcReportedMonitors *cc_reported_monitors_new         (void);
CcReportedMonitors *cc_reported_monitors_ref         (CcReportedMonitors *monitors);
void        cc_reported_monitors_unref       (CcReportedMonitors *monitors);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcReportedMonitors, cc_reported_monitors_unref)

char       *cc_reported_monitors_to_text     (const CcReportedMonitors *monitors);
JsonNode   *cc_reported_monitors_to_json     (const CcReportedMonitors *monitors);

G_END_DECLS
