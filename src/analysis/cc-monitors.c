/* cc-monitors.c: the four monitors fed by reported numbers. */
#define G_LOG_DOMAIN "cc-monitors"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-format.h"
#include "cc-monitors.h"
#include "cc-json-builder.h"

static void
point_clear (gpointer data)
{
  CcMonitorPoint *p = data;

  g_free (p->missing);
  g_free (p->accession);
  g_free (p->form);
}

static GArray *
points_new (void)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (CcMonitorPoint));

  g_array_set_clear_func (points, point_clear);
  return points;
}

static void
series_free (CcMonitorSeries *series)
{
  g_free (series->symbol);
  g_free (series->concept);
  g_array_unref (series->points);
  g_free (series);
}

static CcReportedMonitor *
monitor_new (CcMonitor     kind)
{
  CcReportedMonitor *monitor = g_new0 (CcReportedMonitor, 1);

  monitor->kind = kind;
  monitor->points = points_new ();
  monitor->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  monitor->last_guidance = CC_DATE_INVALID;
  monitor->next_guidance = CC_DATE_INVALID;
  monitor->through = CC_DATE_INVALID;
  return monitor;
}

void
cc_reported_monitor_free (CcReportedMonitor *monitor)
{
  if (monitor == NULL)
    return;
  g_free (monitor->title);
  g_free (monitor->source);
  g_array_unref (monitor->points);
  g_ptr_array_unref (monitor->series);
  g_free (monitor->last_guidance_symbol);
  g_free (monitor->next_guidance_symbol);
  g_free (monitor);
}

const CcMonitorPoint *
cc_monitor_get_latest (const CcReportedMonitor *monitor)
{
  g_return_val_if_fail (monitor != NULL, NULL);

  for (guint i = monitor->points->len; i > 0; i--)
    {
      const CcMonitorPoint *p = &g_array_index (monitor->points, CcMonitorPoint, i - 1);

      if (p->complete)
        return p;
    }
  return NULL;
}

/* The calendar quarter holding the middle of [start, end]: year * 4 + quarter - 1. */
static int
calendar_quarter_key (CcDate start,
                      CcDate end)
{
  CcDate middle = start != CC_DATE_INVALID ? start + (end - start) / 2 : end;
  int year, month, day;

  cc_date_to_ymd (middle, &year, &month, &day);
  return year * 4 + (month - 1) / 3;
}

static void
set_source (CcMonitorPoint       *p,
            const CcEdgarQuarter *q)
{
  g_free (p->accession);
  g_free (p->form);
  p->accession = g_strdup (q->accession);
  p->form = g_strdup (q->form);
  p->filed = q->filed;
}

/* The quarters of @quarters with a duration (not instants), as points on their own dates. */
static CcMonitorSeries *
series_from_quarters (const char *symbol,
                      const char *concept,
                      GArray     *quarters)
{
  CcMonitorSeries *series = g_new0 (CcMonitorSeries, 1);

  series->symbol = g_strdup (symbol);
  series->concept = g_strdup (concept);
  series->points = points_new ();
  for (guint i = 0; quarters != NULL && i < quarters->len; i++)
    {
      const CcEdgarQuarter *q = &g_array_index (quarters, CcEdgarQuarter, i);
      CcMonitorPoint p = { 0, };

      if (q->start == CC_DATE_INVALID)
        continue;
      p.start = q->start;
      p.end = q->end;
      p.year = q->fiscal_year;
      p.quarter = q->fiscal_quarter;
      p.value = q->value;
      p.complete = TRUE;
      set_source (&p, q);
      g_array_append_val (series->points, p);
    }
  return series;
}

/* The point of @points a year before @p: the same fiscal quarter of the year before, or, for
 * a quarter without a label, the one that ended 357..371 days earlier. */
static const CcMonitorPoint *
year_before (GArray               *points,
             const CcMonitorPoint *p)
{
  for (guint i = 0; i < points->len; i++)
    {
      const CcMonitorPoint *o = &g_array_index (points, CcMonitorPoint, i);
      gint64 gap = (gint64) p->end - o->end;

      if (p->year > 0 && p->quarter > 0 && o->year == p->year - 1 && o->quarter == p->quarter)
        return o;
      if ((p->year == 0 || p->quarter == 0) && gap >= 357 && gap <= 371)
        return o;
    }
  return NULL;
}

/* Growth against the year before, for every point with a positive value a year earlier. */
static void
set_growth (GArray *points)
{
  for (guint i = 0; i < points->len; i++)
    {
      CcMonitorPoint *p = &g_array_index (points, CcMonitorPoint, i);
      const CcMonitorPoint *o = year_before (points, p);

      p->has_change = o != NULL && p->complete && o->complete && o->value > 0;
      if (p->has_change)
        p->change = p->value / o->value - 1;
    }
}

CcReportedMonitor *
cc_monitor_capex_new (const char * const *symbols,
                      GArray * const     *quarters,
                      GPtrArray * const  *results,
                      guint               n,
                      CcDate              today)
{
  CcReportedMonitor *monitor = monitor_new (CC_MONITOR_CAPEX);
  g_autoptr(GHashTable) by_key = g_hash_table_new (NULL, NULL);   /* key -> index + 1 */
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (int));

  monitor->title = g_strdup (_("Hyperscaler capex"));
  monitor->source = g_strdup (_("Capital expenditure (PaymentsToAcquirePropertyPlantAndEquipment) "
                                "of Meta, Microsoft, Alphabet, Amazon and Oracle from their "
                                "10-Q and 10-K filings at SEC EDGAR, per quarter, as first "
                                "reported"));

  for (guint s = 0; s < n; s++)
    {
      CcMonitorSeries *series = series_from_quarters (symbols[s],
                                                      "PaymentsToAcquirePropertyPlantAndEquipment",
                                                      quarters[s]);

      set_growth (series->points);
      g_ptr_array_add (monitor->series, series);
      for (guint i = 0; i < series->points->len; i++)
        {
          const CcMonitorPoint *q = &g_array_index (series->points, CcMonitorPoint, i);
          int key = calendar_quarter_key (q->start, q->end);

          if (!g_hash_table_contains (by_key, GINT_TO_POINTER (key)))
            {
              g_hash_table_insert (by_key, GINT_TO_POINTER (key), GINT_TO_POINTER (1));
              g_array_append_val (keys, key);
            }
        }
    }
  /* Quarter keys, oldest first (an insertion sort: a few dozen at most). */
  for (guint i = 1; i < keys->len; i++)
    for (guint j = i; j > 0 && g_array_index (keys, int, j - 1) > g_array_index (keys, int, j);
         j--)
      {
        int t = g_array_index (keys, int, j);

        g_array_index (keys, int, j) = g_array_index (keys, int, j - 1);
        g_array_index (keys, int, j - 1) = t;
      }

  for (guint k = 0; k < keys->len; k++)
    {
      int key = g_array_index (keys, int, k);
      CcMonitorPoint p = { 0, };
      g_autoptr(GString) missing = g_string_new (NULL);

      p.year = key / 4;
      p.quarter = key % 4 + 1;
      p.start = cc_date_from_ymd (p.year, (p.quarter - 1) * 3 + 1, 1);
      p.end = cc_date_from_ymd (p.quarter == 4 ? p.year + 1 : p.year,
                                p.quarter == 4 ? 1 : p.quarter * 3 + 1, 1) - 1;
      for (guint s = 0; s < monitor->series->len; s++)
        {
          CcMonitorSeries *series = g_ptr_array_index (monitor->series, s);
          const CcMonitorPoint *found = NULL;

          for (guint i = 0; i < series->points->len && found == NULL; i++)
            {
              const CcMonitorPoint *q = &g_array_index (series->points, CcMonitorPoint, i);

              if (calendar_quarter_key (q->start, q->end) == key)
                found = q;
            }
          if (found == NULL)
            {
              g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", series->symbol);
              continue;
            }
          p.value += found->value;
          if (p.accession == NULL || found->filed > p.filed)
            {
              g_free (p.accession);
              g_free (p.form);
              p.accession = g_strdup (found->accession);
              p.form = g_strdup (found->form);
              p.filed = found->filed;
            }
        }
      p.complete = missing->len == 0 && monitor->series->len > 0;
      p.missing = missing->len ? g_strdup (missing->str) : NULL;
      g_array_append_val (monitor->points, p);
    }
  set_growth (monitor->points);

  /* Guidance days: results releases (8-K 2.02) of these companies. */
  for (guint s = 0; s < n; s++)
    {
      for (guint i = 0; results != NULL && results[s] != NULL && i < results[s]->len; i++)
        {
          const CcEdgarFiling *f = g_ptr_array_index (results[s], i);
          CcDate day = f->event_day != CC_DATE_INVALID ? f->event_day : f->filing_date;
          CcDate next = day + 91;     /* thirteen weeks on: the same weekday */

          if (day == CC_DATE_INVALID || day > today)
            continue;
          if (monitor->last_guidance == CC_DATE_INVALID || day > monitor->last_guidance)
            {
              monitor->last_guidance = day;
              g_free (monitor->last_guidance_symbol);
              monitor->last_guidance_symbol = g_strdup (symbols[s]);
            }
          /* Companies report every thirteen weeks or so: the first such step after @today
           * is the next release expected (an estimate; the SEC lists no dates ahead). */
          while (next <= today)
            next += 91;
          if (monitor->next_guidance == CC_DATE_INVALID || next < monitor->next_guidance)
            {
              monitor->next_guidance = next;
              g_free (monitor->next_guidance_symbol);
              monitor->next_guidance_symbol = g_strdup (symbols[s]);
            }
        }
    }
  return monitor;
}

CcReportedMonitor *
cc_monitor_margin_new (const char *symbol,
                       GArray     *gross_profit,
                       GArray     *revenue,
                       const char *revenue_concept)
{
  CcReportedMonitor *monitor = monitor_new (CC_MONITOR_MEMORY_PRICES);
  CcMonitorSeries *gross = series_from_quarters (symbol, "GrossProfit", gross_profit);
  CcMonitorSeries *sales = series_from_quarters (symbol, revenue_concept, revenue);

  monitor->is_proxy = TRUE;
  monitor->title = g_strdup (_("Memory pricing proxy"));
  /* TRANSLATORS: %s is the revenue concept's tag */
  monitor->source = g_strdup_printf (_("Micron’s gross margin, GrossProfit over %s, per fiscal "
                                       "quarter from its filings at SEC EDGAR: a proxy for "
                                       "memory prices, not a spot price"),
                                     revenue_concept ? revenue_concept : "Revenues");
  for (guint i = 0; i < gross->points->len; i++)
    {
      const CcMonitorPoint *g = &g_array_index (gross->points, CcMonitorPoint, i);

      for (guint j = 0; j < sales->points->len; j++)
        {
          const CcMonitorPoint *r = &g_array_index (sales->points, CcMonitorPoint, j);
          CcMonitorPoint p = { 0, };

          if (r->start != g->start || r->end != g->end || r->value <= 0)
            continue;
          p = *g;
          p.value = g->value / r->value;
          p.missing = NULL;
          p.accession = g_strdup (g->filed >= r->filed ? g->accession : r->accession);
          p.form = g_strdup (g->filed >= r->filed ? g->form : r->form);
          p.filed = MAX (g->filed, r->filed);
          g_array_append_val (monitor->points, p);
          break;
        }
    }
  /* The margin's change is in points: this quarter's minus the one a year before. */
  for (guint i = 0; i < monitor->points->len; i++)
    {
      CcMonitorPoint *p = &g_array_index (monitor->points, CcMonitorPoint, i);
      const CcMonitorPoint *o = year_before (monitor->points, p);

      p->has_change = o != NULL;
      if (o != NULL)
        p->change = p->value - o->value;
    }
  g_ptr_array_add (monitor->series, gross);
  g_ptr_array_add (monitor->series, sales);
  return monitor;
}

CcReportedMonitor *
cc_monitor_growth_new (const char *symbol,
                       GArray     *revenue,
                       const char *revenue_concept)
{
  CcReportedMonitor *monitor = monitor_new (CC_MONITOR_AI_ADOPTION);
  CcMonitorSeries *sales = series_from_quarters (symbol, revenue_concept, revenue);

  monitor->is_proxy = TRUE;
  monitor->title = g_strdup (_("AI demand proxy"));
  /* TRANSLATORS: %s is the revenue concept's tag */
  monitor->source = g_strdup_printf (_("NVIDIA’s revenue (%s) per fiscal quarter from its "
                                       "filings at SEC EDGAR, growth on the same quarter a "
                                       "year before: a proxy for AI demand"),
                                     revenue_concept ? revenue_concept : "Revenues");
  set_growth (sales->points);
  for (guint i = 0; i < sales->points->len; i++)
    {
      const CcMonitorPoint *r = &g_array_index (sales->points, CcMonitorPoint, i);
      CcMonitorPoint p;

      if (!r->has_change)
        continue;
      p = *r;
      p.value = r->change;
      p.missing = NULL;
      p.accession = g_strdup (r->accession);
      p.form = g_strdup (r->form);
      g_array_append_val (monitor->points, p);
    }
  for (guint i = 0; i < monitor->points->len; i++)
    {
      CcMonitorPoint *p = &g_array_index (monitor->points, CcMonitorPoint, i);

      /* The change of a growth rate: points against the quarter before. */
      p->has_change = i > 0;
      p->change = i > 0 ? p->value - g_array_index (monitor->points, CcMonitorPoint, i - 1).value
                        : 0;
    }
  g_ptr_array_add (monitor->series, sales);
  return monitor;
}

CcReportedMonitor *
cc_monitor_agreements_new (const char * const *symbols,
                           GPtrArray * const  *filings,
                           guint               n,
                           CcDate              today)
{
  CcReportedMonitor *monitor = monitor_new (CC_MONITOR_MINER_CONTRACTS);
  int first = G_MAXINT, last = G_MININT;

  monitor->through = today;
  monitor->title = g_strdup (_("Miners’ AI contracts"));
  monitor->source = g_strdup (_("8-K filings with item 1.01 (a material definitive agreement) "
                                "of IREN, Core Scientific and TeraWulf at SEC EDGAR, counted "
                                "per calendar quarter of filing"));
  for (guint s = 0; s < n; s++)
    for (guint i = 0; filings[s] != NULL && i < filings[s]->len; i++)
      {
        const CcEdgarFiling *f = g_ptr_array_index (filings[s], i);
        int key;

        if (!cc_edgar_filing_has_item (f, "1.01") || f->filing_date > today)
          continue;
        key = calendar_quarter_key (CC_DATE_INVALID, f->filing_date);
        first = MIN (first, key);
        last = MAX (last, key);
      }
  for (guint s = 0; s < n; s++)
    {
      CcMonitorSeries *series = g_new0 (CcMonitorSeries, 1);

      series->symbol = g_strdup (symbols[s]);
      series->points = points_new ();
      g_ptr_array_add (monitor->series, series);
    }
  for (int key = first; first != G_MAXINT && key <= last; key++)
    {
      CcMonitorPoint total = { 0, };

      total.year = key / 4;
      total.quarter = key % 4 + 1;
      total.start = cc_date_from_ymd (total.year, (total.quarter - 1) * 3 + 1, 1);
      total.end = cc_date_from_ymd (total.quarter == 4 ? total.year + 1 : total.year,
                                    total.quarter == 4 ? 1 : total.quarter * 3 + 1, 1) - 1;
      total.complete = TRUE;
      for (guint s = 0; s < n; s++)
        {
          CcMonitorSeries *series = g_ptr_array_index (monitor->series, s);
          CcMonitorPoint p = { 0, };

          p.start = total.start;
          p.end = total.end;
          p.year = total.year;
          p.quarter = total.quarter;
          p.complete = TRUE;
          for (guint i = 0; filings[s] != NULL && i < filings[s]->len; i++)
            {
              const CcEdgarFiling *f = g_ptr_array_index (filings[s], i);

              if (!cc_edgar_filing_has_item (f, "1.01") || f->filing_date > today ||
                  calendar_quarter_key (CC_DATE_INVALID, f->filing_date) != key)
                continue;
              p.value += 1;
              if (total.accession == NULL || f->filing_date >= total.filed)
                {
                  g_free (total.accession);
                  g_free (total.form);
                  total.accession = g_strdup (f->accession);
                  total.form = g_strdup (f->form);
                  total.filed = f->filing_date;
                }
            }
          total.value += p.value;
          g_array_append_val (series->points, p);
        }
      g_array_append_val (monitor->points, total);
    }
  set_growth (monitor->points);
  return monitor;
}

static void
reading_clear (gpointer data)
{
  CcMonitorReading *r = data;

  g_free (r->form);
  g_free (r->accession);
}

static void
add_reading (GArray               *readings,
             const CcMonitorPoint *p,
             CcDate                known,
             double                value)
{
  CcMonitorReading r = { 0, };

  r.known = known;
  r.end = p->end;
  r.year = p->year;
  r.quarter = p->quarter;
  r.value = value;
  r.form = g_strdup (p->form);
  r.accession = g_strdup (p->accession);
  r.filed = p->filed;
  g_array_append_val (readings, r);
}

GArray *
cc_monitor_readings (const CcReportedMonitor *monitor)
{
  GArray *readings = g_array_new (FALSE, TRUE, sizeof (CcMonitorReading));

  g_return_val_if_fail (monitor != NULL, readings);

  g_array_set_clear_func (readings, reading_clear);
  for (guint i = 0; i < monitor->points->len; i++)
    {
      const CcMonitorPoint *p = &g_array_index (monitor->points, CcMonitorPoint, i);
      const CcMonitorPoint *o;

      switch (monitor->kind)
        {
        case CC_MONITOR_CAPEX:
        case CC_MONITOR_MEMORY_PRICES:
          /* A change on a year is known once both quarters are. */
          if (!p->complete || !p->has_change || p->accession == NULL)
            break;
          o = year_before (monitor->points, p);
          if (o == NULL)
            break;
          add_reading (readings, p, MAX (p->filed, o->filed), p->change * 100);
          break;
        case CC_MONITOR_AI_ADOPTION:
          {
            /* The growth needs the revenue of both quarters: the company's series has them. */
            const CcMonitorSeries *sales = monitor->series->len
              ? g_ptr_array_index (monitor->series, 0) : NULL;
            CcDate known = p->filed;

            if (p->accession == NULL)
              break;
            for (guint j = 0; sales != NULL && j < sales->points->len; j++)
              {
                const CcMonitorPoint *r = &g_array_index (sales->points, CcMonitorPoint, j);

                if (r->start == p->start && r->end == p->end)
                  {
                    o = year_before (sales->points, r);
                    if (o != NULL)
                      known = MAX (known, o->filed);
                  }
              }
            add_reading (readings, p, known, p->value * 100);
          }
          break;
        case CC_MONITOR_MINER_CONTRACTS:
          /* A quarter's count is whole once it has ended, if filings were read that far. */
          if (monitor->through == CC_DATE_INVALID || p->end > monitor->through)
            break;
          add_reading (readings, p, p->end, p->value);
          break;
        case CC_MONITOR_NONE:
        case CC_N_MONITORS:
        default:
          break;
        }
    }
  /* The miners' quarters after the last one with a filing count none, up to the last quarter
   * read in full. */
  if (monitor->kind == CC_MONITOR_MINER_CONTRACTS && monitor->points->len > 0 &&
      monitor->through != CC_DATE_INVALID)
    {
      const CcMonitorPoint *last = &g_array_index (monitor->points, CcMonitorPoint,
                                                   monitor->points->len - 1);
      int key = last->year * 4 + last->quarter;   /* the quarter after @last */

      for (;; key++)
        {
          CcMonitorPoint q = { 0, };

          q.year = key / 4;
          q.quarter = key % 4 + 1;
          q.start = cc_date_from_ymd (q.year, (q.quarter - 1) * 3 + 1, 1);
          q.end = cc_date_from_ymd (q.quarter == 4 ? q.year + 1 : q.year,
                                    q.quarter == 4 ? 1 : q.quarter * 3 + 1, 1) - 1;
          if (q.end > monitor->through)
            break;
          add_reading (readings, &q, q.end, 0);
        }
    }
  return readings;
}

const CcMonitorReading *
cc_monitor_readings_at (GArray *readings,
                        CcDate  as_of)
{
  const CcMonitorReading *best = NULL;

  g_return_val_if_fail (readings != NULL, NULL);

  /* The latest quarter public by then; nothing filed after @as_of counts. */
  for (guint i = 0; i < readings->len; i++)
    {
      const CcMonitorReading *r = &g_array_index (readings, CcMonitorReading, i);

      if (r->known > as_of)
        continue;
      if (best == NULL || r->end > best->end || (r->end == best->end && r->known > best->known))
        best = r;
    }
  return best;
}

static char *
format_usd_billions (double value)
{
  g_autofree char *number = cc_format_number (value / 1e9, 1, TRUE);

  /* TRANSLATORS: an amount in billions of US dollars */
  return g_strdup_printf (_("$%s bn"), number);
}

/* The headline value, "$142.0 bn", "60.0%", "+67.3%", "3". */
static char *
format_value (const CcReportedMonitor      *monitor,
              const CcMonitorPoint *p)
{
  switch (monitor->kind)
    {
    case CC_MONITOR_CAPEX:
      return format_usd_billions (p->value);
    case CC_MONITOR_MEMORY_PRICES:
      return cc_format_percent (p->value * 100, 1, FALSE);
    case CC_MONITOR_AI_ADOPTION:
      return cc_format_percent (p->value * 100, 1, TRUE);
    case CC_MONITOR_MINER_CONTRACTS:
    case CC_N_MONITORS:
    default:
      return g_strdup_printf ("%.0f", p->value);
    }
}

char *
cc_monitor_describe (const CcReportedMonitor *monitor)
{
  const CcMonitorPoint *p;
  g_autofree char *value = NULL;
  g_autofree char *change = NULL;

  g_return_val_if_fail (monitor != NULL, NULL);

  p = cc_monitor_get_latest (monitor);
  if (p == NULL)
    return NULL;
  value = format_value (monitor, p);
  switch (monitor->kind)
    {
    case CC_MONITOR_CAPEX:
      if (!p->has_change)
        /* TRANSLATORS: a sum in dollars, a year, a quarter number */
        return g_strdup_printf (_("Hyperscalers spent %s on capex in %d Q%d."), value, p->year,
                                p->quarter);
      change = cc_format_percent (p->change * 100, 0, TRUE);
      return g_strdup_printf (p->change >= 0
                              /* TRANSLATORS: a sum, a year, a quarter, a growth rate */
                              ? _("Hyperscalers spent %s on capex in %d Q%d, %s on a year: "
                                  "the AI build-out is still growing.")
                              : _("Hyperscalers spent %s on capex in %d Q%d, %s on a year: "
                                  "the AI build-out is shrinking."),
                              value, p->year, p->quarter, change);
    case CC_MONITOR_MEMORY_PRICES:
      if (!p->has_change)
        /* TRANSLATORS: a margin, a fiscal year, a quarter number */
        return g_strdup_printf (_("Micron’s gross margin was %s in fiscal %d Q%d."), value,
                                p->year, p->quarter);
      change = cc_format_points (p->change * 100, 1);
      return g_strdup_printf (p->change >= 0
                              /* TRANSLATORS: a margin, a fiscal year, a quarter, points */
                              ? _("Micron’s gross margin was %s in fiscal %d Q%d, %s on a "
                                  "year: memory prices are likely firming.")
                              : _("Micron’s gross margin was %s in fiscal %d Q%d, %s on a "
                                  "year: memory prices are likely softening."),
                              value, p->year, p->quarter, change);
    case CC_MONITOR_AI_ADOPTION:
      return g_strdup_printf (p->value >= 0
                              /* TRANSLATORS: a growth rate, a fiscal year, a quarter */
                              ? _("NVIDIA’s revenue grew %s on a year in fiscal %d Q%d.")
                              : _("NVIDIA’s revenue changed %s on a year in fiscal %d Q%d."),
                              value, p->year, p->quarter);
    case CC_MONITOR_MINER_CONTRACTS:
    case CC_N_MONITORS:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: a count, a year, a quarter */
                                           "The miners filed %.0f material agreement in %d Q%d.",
                                           "The miners filed %.0f material agreements in %d "
                                           "Q%d.", (gulong) p->value),
                              p->value, p->year, p->quarter);
    }
}

CcReportedMonitors *
cc_reported_monitors_new (void)
{
  CcReportedMonitors *monitors = g_new0 (CcReportedMonitors, 1);

  monitors->problems = g_ptr_array_new_with_free_func (g_free);
  g_atomic_ref_count_init (&monitors->ref_count);
  return monitors;
}

CcReportedMonitors *
cc_reported_monitors_ref (CcReportedMonitors *monitors)
{
  g_return_val_if_fail (monitors != NULL, NULL);
  g_atomic_ref_count_inc (&monitors->ref_count);
  return monitors;
}

void
cc_reported_monitors_unref (CcReportedMonitors *monitors)
{
  if (monitors == NULL || !g_atomic_ref_count_dec (&monitors->ref_count))
    return;
  for (guint k = 0; k < CC_N_MONITORS; k++)
    cc_reported_monitor_free (monitors->monitors[k]);
  g_ptr_array_unref (monitors->problems);
  g_free (monitors);
}

static char *
format_change (const CcReportedMonitor      *monitor,
               const CcMonitorPoint *p)
{
  if (!p->has_change)
    return g_strdup ("—");
  if (monitor->kind == CC_MONITOR_MEMORY_PRICES || monitor->kind == CC_MONITOR_AI_ADOPTION)
    return cc_format_points (p->change * 100, 1);
  return cc_format_percent (p->change * 100, 1, TRUE);
}

char *
cc_reported_monitors_to_text (const CcReportedMonitors *monitors)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < CC_N_MONITORS; k++)
    {
      const CcReportedMonitor *m = monitors->monitors[k];
      g_autofree char *sentence = NULL;

      if (m == NULL)
        continue;
      sentence = cc_monitor_describe (m);
      g_string_append_printf (out, "%s%s\n%s\n", m->title, m->is_proxy ? _(" (a proxy)") : "",
                              m->source);
      for (guint i = 0; i < m->points->len; i++)
        {
          const CcMonitorPoint *p = &g_array_index (m->points, CcMonitorPoint, i);
          g_autofree char *value = format_value (m, p);
          g_autofree char *change = format_change (m, p);
          char end[11];

          cc_date_format_iso (p->end, end);
          if (!p->complete)
            {
              /* TRANSLATORS: a year, a quarter, the quarter's end, the missing symbols */
              g_string_append_printf (out, _("  %d Q%d  %s  no sum: no figure from %s\n"),
                                      p->year, p->quarter, end, p->missing);
              continue;
            }
          g_string_append_printf (out, "  %d Q%d  %s  %12s  %10s  %s %s\n", p->year, p->quarter,
                                  end, value, change, p->form ? p->form : "",
                                  p->accession ? p->accession : "");
        }
      if (m->kind == CC_MONITOR_CAPEX)
        for (guint s = 0; s < m->series->len; s++)
          {
            const CcMonitorSeries *series = g_ptr_array_index (m->series, s);
            const CcMonitorPoint *p = series->points->len
              ? &g_array_index (series->points, CcMonitorPoint, series->points->len - 1) : NULL;
            g_autofree char *value = p ? format_usd_billions (p->value) : g_strdup ("—");
            g_autofree char *change = p ? format_change (m, p) : g_strdup ("—");
            char end[11] = "";

            if (p != NULL)
              cc_date_format_iso (p->end, end);
            g_string_append_printf (out, "  %-6s %s  %12s  %10s\n", series->symbol, end, value,
                                    change);
          }
      if (m->kind == CC_MONITOR_CAPEX && m->last_guidance != CC_DATE_INVALID)
        {
          char last[11], next[11];

          cc_date_format_iso (m->last_guidance, last);
          cc_date_format_iso (m->next_guidance, next);
          /* TRANSLATORS: a date and a ticker, then an estimated date and a ticker */
          g_string_append_printf (out, _("  Capex guidance: last %s (%s), next expected around "
                                         "%s (%s, estimated from the quarterly rhythm)\n"),
                                  last, m->last_guidance_symbol, next, m->next_guidance_symbol);
        }
      if (sentence != NULL)
        g_string_append_printf (out, "  %s\n", sentence);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < monitors->problems->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (monitors->problems, i));
  return g_string_free (out, FALSE);
}

static void
add_points (JsonBuilder *b,
            GArray      *points)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < points->len; i++)
    {
      const CcMonitorPoint *p = &g_array_index (points, CcMonitorPoint, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, p->year);
      json_builder_set_member_name (b, "quarter");
      json_builder_add_int_value (b, p->quarter);
      cc_json_add_date (b, "start", p->start);
      cc_json_add_date (b, "end", p->end);
      json_builder_set_member_name (b, "value");
      if (p->complete)
        json_builder_add_double_value (b, p->value);
      else
        json_builder_add_null_value (b);
      cc_json_add_string (b, "missing", p->missing);
      json_builder_set_member_name (b, "change");
      if (p->has_change)
        json_builder_add_double_value (b, p->change);
      else
        json_builder_add_null_value (b);
      cc_json_add_string (b, "form", p->form);
      cc_json_add_string (b, "accession", p->accession);
      cc_json_add_date (b, "filed", p->accession ? p->filed : CC_DATE_INVALID);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
cc_reported_monitors_to_json (const CcReportedMonitors *monitors)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GDateTime) when = monitors->fetched_at > 0
    ? g_date_time_new_from_unix_utc (monitors->fetched_at) : NULL;
  g_autofree char *when_text = when ? g_date_time_format_iso8601 (when) : NULL;

  json_builder_begin_object (b);
  cc_json_add_string (b, "source", CC_EDGAR_SERVICE);
  cc_json_add_string (b, "fetched_at", when_text);
  json_builder_set_member_name (b, "monitors");
  json_builder_begin_array (b);
  for (guint k = 0; k < CC_N_MONITORS; k++)
    {
      const CcReportedMonitor *m = monitors->monitors[k];
      g_autofree char *sentence = NULL;

      if (m == NULL)
        continue;
      sentence = cc_monitor_describe (m);
      json_builder_begin_object (b);
      cc_json_add_string (b, "id", cc_monitor_to_string (m->kind));
      cc_json_add_string (b, "title", m->title);
      json_builder_set_member_name (b, "proxy");
      json_builder_add_boolean_value (b, m->is_proxy);
      cc_json_add_string (b, "source", m->source);
      cc_json_add_string (b, "sentence", sentence);
      json_builder_set_member_name (b, "points");
      add_points (b, m->points);
      json_builder_set_member_name (b, "companies");
      json_builder_begin_array (b);
      for (guint s = 0; s < m->series->len; s++)
        {
          const CcMonitorSeries *series = g_ptr_array_index (m->series, s);

          json_builder_begin_object (b);
          cc_json_add_string (b, "symbol", series->symbol);
          cc_json_add_string (b, "concept", series->concept);
          json_builder_set_member_name (b, "points");
          add_points (b, series->points);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (m->kind == CC_MONITOR_CAPEX)
        {
          cc_json_add_date (b, "last_guidance", m->last_guidance);
          cc_json_add_string (b, "last_guidance_symbol", m->last_guidance_symbol);
          cc_json_add_date (b, "next_guidance_estimate", m->next_guidance);
          cc_json_add_string (b, "next_guidance_symbol", m->next_guidance_symbol);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < monitors->problems->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (monitors->problems, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
