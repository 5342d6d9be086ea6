/* cc-chart-format.c: the tick choices of both axes and the chart's dates. Numbers and
 * percentages come from the analysis layer's one formatter (cc-format.c). */
#define G_LOG_DOMAIN "cc-chart-format"

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cc-chart-format.h"

#define MINUS_SIGN "\xe2\x88\x92"   /* U+2212: typographic minus, as wide as the plus sign */

int
cc_chart_decimals_for_step (double step)
{
  int decimals = 0;

  if (!(step > 0) || !isfinite (step))
    return 0;
  /* Enough decimals that step * 10^d is (close to) an integer. */
  while (decimals < 6 && fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) >
         1e-6 * step * pow (10, decimals))
    decimals++;
  return decimals;
}

static double
nice_step (double span,
           int    target)
{
  double raw, mag, norm;

  raw = span / MAX (target, 1);
  mag = pow (10, floor (log10 (raw)));
  norm = raw / mag;
  if (norm <= 1.0)
    return mag;
  if (norm <= 2.0)
    return 2 * mag;
  if (norm <= 5.0)
    return 5 * mag;
  return 10 * mag;
}

GArray *
cc_chart_nice_ticks (double  lo,
                     double  hi,
                     int     target,
                     double *step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (CcTick));
  double s;

  if (!(hi > lo) || !isfinite (lo) || !isfinite (hi))
    {
      if (step)
        *step = 0;
      return ticks;
    }
  s = nice_step (hi - lo, target);
  for (double k = ceil (lo / s - 1e-9); k * s <= hi + s * 1e-9; k++)
    {
      CcTick t;

      t.value = k * s;
      if (fabs (t.value) < s * 1e-9)
        t.value = 0;
      t.position = t.value;
      g_array_append_val (ticks, t);
    }
  if (step)
    *step = s;
  return ticks;
}

GArray *
cc_chart_log_ticks (double  lo,
                    double  hi,
                    int     target,
                    double *step)
{
  GArray *ticks;
  static const struct {
    guint  n;
    double m[9];
  } mantissa_sets[] = {
    { 3, { 1, 2, 5 } },
    { 6, { 1, 1.5, 2, 3, 5, 7 } },
    { 9, { 1, 2, 3, 4, 5, 6, 7, 8, 9 } },
  };

  if (!(lo > 0) || !(hi > lo))
    {
      if (step)
        *step = 0;
      return g_array_new (FALSE, FALSE, sizeof (CcTick));
    }

  /* Within a factor of about 5 a decade has too few 1-2-5 marks: keep linear steps, placed
   * logarithmically, which is also what a reader of a ±30% chart expects to see. */
  if (hi / lo < 5)
    {
      ticks = cc_chart_nice_ticks (lo, hi, target, step);
      for (guint i = 0; i < ticks->len; i++)
        {
          CcTick *t = &g_array_index (ticks, CcTick, i);

          if (t->value <= 0)
            {
              g_array_remove_index (ticks, i--);
              continue;
            }
          t->position = log10 (t->value);
        }
      return ticks;
    }

  /* 1-2-5 per decade; when that leaves too few marks (a range of one or two decades), the
   * denser 1-1.5-2-3-5-7 and then every integer mantissa. */
  ticks = NULL;
  for (guint set = 0; set < G_N_ELEMENTS (mantissa_sets); set++)
    {
      g_clear_pointer (&ticks, g_array_unref);
      ticks = g_array_new (FALSE, FALSE, sizeof (CcTick));
      for (int e = (int) floor (log10 (lo)); e <= (int) ceil (log10 (hi)); e++)
        for (guint m = 0; m < mantissa_sets[set].n; m++)
          {
            CcTick t;

            t.value = mantissa_sets[set].m[m] * pow (10, e);
            if (t.value < lo * (1 - 1e-9) || t.value > hi * (1 + 1e-9))
              continue;
            t.position = log10 (t.value);
            g_array_append_val (ticks, t);
          }
      if ((int) ticks->len * 2 >= target)
        break;
    }
  /* Too crowded (many decades): keep the powers of ten only. */
  if ((int) ticks->len > target * 2)
    for (guint i = 0; i < ticks->len; i++)
      {
        CcTick *t = &g_array_index (ticks, CcTick, i);
        double m = t->value / pow (10, floor (log10 (t->value) + 1e-9));

        if (fabs (m - 1) > 1e-6)
          g_array_remove_index (ticks, i--);
      }
  if (step)
    *step = 0;
  return ticks;
}

void
cc_time_tick_clear (gpointer tick)
{
  CcTimeTick *t = tick;

  g_clear_pointer (&t->label, g_free);
  g_clear_pointer (&t->context, g_free);
}

char *
cc_chart_format_date (CcDate   date,
                      gboolean with_year)
{
  g_autoptr(GDateTime) dt = cc_date_to_date_time (date);

  if (dt == NULL)
    return g_strdup ("?");
  /* TRANSLATORS: strftime-like formats (see g_date_time_format) for dates on the chart. */
  return g_date_time_format (dt, with_year ? C_("chart date", "%-d %b %Y")
                                           : C_("chart date", "%-d %b"));
}

static int
period_of (CcDate     date,
           CcTimeUnit unit)
{
  int y, m, d;

  cc_date_to_ymd (date, &y, &m, &d);
  switch (unit)
    {
    case CC_TIME_UNIT_DAY:
      return date;
    case CC_TIME_UNIT_WEEK:
      /* Weeks start on Monday; day 4 (1970-01-05) was one. Floor division for early dates. */
      return (int) floor ((date - 4) / 7.0);
    case CC_TIME_UNIT_MONTH:
      return y * 12 + (m - 1);
    case CC_TIME_UNIT_QUARTER:
      return y * 4 + (m - 1) / 3;
    case CC_TIME_UNIT_YEAR:
    default:
      return y;
    }
}

typedef struct {
  CcTimeUnit unit;
  int        step;
} TimeCandidate;

static const TimeCandidate time_candidates[] = {
  { CC_TIME_UNIT_DAY, 1 },
  { CC_TIME_UNIT_DAY, 2 },
  { CC_TIME_UNIT_WEEK, 1 },
  { CC_TIME_UNIT_WEEK, 2 },
  { CC_TIME_UNIT_MONTH, 1 },
  { CC_TIME_UNIT_MONTH, 2 },
  { CC_TIME_UNIT_QUARTER, 1 },
  { CC_TIME_UNIT_QUARTER, 2 },
  { CC_TIME_UNIT_YEAR, 1 },
  { CC_TIME_UNIT_YEAR, 2 },
  { CC_TIME_UNIT_YEAR, 5 },
  { CC_TIME_UNIT_YEAR, 10 },
  { CC_TIME_UNIT_YEAR, 20 },
  { CC_TIME_UNIT_YEAR, 50 },
  { CC_TIME_UNIT_YEAR, 100 },
};

/* The first calendar day of period @p. */
static CcDate
period_start (int        p,
              CcTimeUnit unit)
{
  switch (unit)
    {
    case CC_TIME_UNIT_DAY:
      return p;
    case CC_TIME_UNIT_WEEK:
      return p * 7 + 4;
    case CC_TIME_UNIT_MONTH:
      return cc_date_from_ymd (p / 12, p % 12 + 1, 1);
    case CC_TIME_UNIT_QUARTER:
      return cc_date_from_ymd (p / 4, (p % 4) * 3 + 1, 1);
    case CC_TIME_UNIT_YEAR:
    default:
      return cc_date_from_ymd (p, 1, 1);
    }
}

static guint
lower_bound (const CcDate *dates,
             guint         lo,
             guint         hi,
             CcDate        date)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (dates[mid] < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The bar before dates[i] on the axis, or for the first one the previous trading day, so
 * that a range starting mid-month does not get a tick on its first bar. */
static CcDate
previous_bar (const CcDate *dates,
              guint         i,
              guint         first)
{
  return i > first ? dates[i - 1] : cc_calendar_previous_trading_day (dates[i]);
}

/* Calls @func for each tick of @c over dates[first..last]; returns the count. Works period
 * by period with binary searches, so a million bars cost as little as a hundred. */
static guint
for_each_tick (const CcDate        *dates,
               guint                first,
               guint                last,
               const TimeCandidate *c,
               guint                limit,
               void               (*func) (guint i, gpointer user_data),
               gpointer             user_data)
{
  guint count = 0;
  int p0, p1;

  if (c->unit == CC_TIME_UNIT_DAY)
    {
      for (guint i = first; i <= last && count <= limit; i += c->step, count++)
        if (func)
          func (i, user_data);
      return count;
    }

  p0 = period_of (dates[first], c->unit);
  p1 = period_of (dates[last], c->unit);
  for (int p = p0; p <= p1 && count <= limit; p++)
    {
      guint i;

      if (((p % c->step) + c->step) % c->step != 0)
        continue;
      i = p == p0 ? first : lower_bound (dates, first, last + 1, period_start (p, c->unit));
      if (i > last || period_of (dates[i], c->unit) != p)
        continue;   /* no bar in this period (a gap in the data) */
      if (period_of (previous_bar (dates, i, first), c->unit) == p)
        continue;   /* the range starts inside the period */
      count++;
      if (func)
        func (i, user_data);
    }
  return count;
}

typedef struct {
  const CcDate        *dates;
  guint                first;
  const TimeCandidate *chosen;
  GArray              *ticks;
} TickBuilder;

static char *
time_label (CcDate     date,
            CcTimeUnit unit)
{
  g_autoptr(GDateTime) dt = cc_date_to_date_time (date);

  switch (unit)
    {
    case CC_TIME_UNIT_DAY:
    case CC_TIME_UNIT_WEEK:
      /* TRANSLATORS: strftime-like format (see g_date_time_format) of a day tick, under
       * which the month is named on a second row */
      return g_date_time_format (dt, C_("chart date", "%-d"));
    case CC_TIME_UNIT_MONTH:
    case CC_TIME_UNIT_QUARTER:
      /* TRANSLATORS: a month tick, over a second row naming the year */
      return g_date_time_format (dt, C_("chart month", "%b"));
    case CC_TIME_UNIT_YEAR:
    default:
      return g_date_time_format (dt, "%Y");
    }
}

/* The second row under a tick on @date, when it is the first tick (@prev invalid) or the
 * first of a new month (day and week ticks) or year (month ticks); NULL otherwise. */
static char *
time_context (CcDate     date,
              CcDate     prev,
              CcTimeUnit unit)
{
  g_autoptr(GDateTime) dt = cc_date_to_date_time (date);
  int y, m, d, py = 0, pm = 0, pd;

  cc_date_to_ymd (date, &y, &m, &d);
  if (prev != CC_DATE_INVALID)
    cc_date_to_ymd (prev, &py, &pm, &pd);
  switch (unit)
    {
    case CC_TIME_UNIT_DAY:
    case CC_TIME_UNIT_WEEK:
      if (prev != CC_DATE_INVALID && py == y && pm == m)
        return NULL;
      return g_date_time_format (dt, (prev == CC_DATE_INVALID || py != y)
                                     ? C_("chart month", "%b %Y") : C_("chart month", "%b"));
    case CC_TIME_UNIT_MONTH:
    case CC_TIME_UNIT_QUARTER:
      if (prev != CC_DATE_INVALID && py == y)
        return NULL;
      return g_date_time_format (dt, "%Y");
    case CC_TIME_UNIT_YEAR:
    default:
      return NULL;
    }
}

static void
add_time_tick (guint    i,
               gpointer user_data)
{
  TickBuilder *b = user_data;
  CcTimeTick t;
  CcDate prev = previous_bar (b->dates, i, b->first);
  CcDate prev_tick = CC_DATE_INVALID;
  CcTimeUnit major_unit = b->chosen->unit <= CC_TIME_UNIT_WEEK ? CC_TIME_UNIT_MONTH
                                                               : CC_TIME_UNIT_YEAR;

  if (b->ticks->len > 0)
    prev_tick = b->dates[g_array_index (b->ticks, CcTimeTick, b->ticks->len - 1).index];
  t.index = i;
  t.major = b->chosen->unit != CC_TIME_UNIT_YEAR &&
            period_of (prev, major_unit) != period_of (b->dates[i], major_unit);
  t.label = time_label (b->dates[i], b->chosen->unit);
  t.context = time_context (b->dates[i], prev_tick, b->chosen->unit);
  g_array_append_val (b->ticks, t);
}

GArray *
cc_chart_time_ticks (const CcDate *dates,
                     guint         first,
                     guint         last,
                     guint         max_ticks,
                     CcTimeUnit   *unit)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (CcTimeTick));
  const TimeCandidate *chosen = &time_candidates[G_N_ELEMENTS (time_candidates) - 1];
  TickBuilder builder;

  g_array_set_clear_func (ticks, cc_time_tick_clear);
  if (dates == NULL || last < first)
    return ticks;
  max_ticks = MAX (max_ticks, 2);

  for (guint c = 0; c < G_N_ELEMENTS (time_candidates); c++)
    if (for_each_tick (dates, first, last, &time_candidates[c], max_ticks, NULL, NULL) <=
        max_ticks)
      {
        chosen = &time_candidates[c];
        break;
      }

  builder = (TickBuilder) { dates, first, chosen, ticks };
  for_each_tick (dates, first, last, chosen, G_MAXUINT, add_time_tick, &builder);
  if (unit)
    *unit = chosen->unit;
  return ticks;
}

GArray *
cc_chart_offset_ticks (guint first,
                       guint last,
                       int   event_index,
                       guint max_ticks)
{
  static const int steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000 };
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (CcTimeTick));
  int step = steps[G_N_ELEMENTS (steps) - 1];

  g_array_set_clear_func (ticks, cc_time_tick_clear);
  if (last < first)
    return ticks;
  max_ticks = MAX (max_ticks, 2);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    if ((last - first) / (guint) steps[s] + 1 <= max_ticks)
      {
        step = steps[s];
        break;
      }

  for (guint i = first; i <= last; i++)
    {
      int t = (int) i - event_index;
      CcTimeTick tick;

      if (t % step != 0)
        continue;
      tick.index = i;
      tick.major = t == 0;
      if (t == 0)
        /* TRANSLATORS: the event day on a trading-day axis */
        tick.label = g_strdup (C_("trading day axis", "t"));
      else
        /* TRANSLATORS: trading days before (t−20) or after (t+20) the event */
        tick.label = g_strdup_printf (C_("trading day axis", "t%s%d"),
                                      t < 0 ? MINUS_SIGN : "+", ABS (t));
      tick.context = NULL;
      g_array_append_val (ticks, tick);
    }
  return ticks;
}
