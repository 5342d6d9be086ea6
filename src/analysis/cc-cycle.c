/* cc-cycle.c: drawdowns from trailing highs, and declines measured from a peak. */
#define G_LOG_DOMAIN "cc-cycle"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-cycle.h"
#include "cc-date.h"

/* The drawdown from the highest close from @first (a session) to @as_of. */
static gboolean
drawdown_since (CcSeries   *series,
                CcDate      as_of,
                CcDate      first,
                CcDrawdown *result)
{
  const CcPoint *points;
  guint n;
  int last;

  memset (result, 0, sizeof *result);
  last = cc_series_find_on_or_before (series, as_of);
  if (last < 0)
    return FALSE;

  points = cc_series_get_points (series, &n);
  result->date = points[last].date;
  result->close = points[last].close;
  result->high = -INFINITY;
  result->first_date = points[last].date;
  for (int i = last; i >= 0 && points[i].date >= first; i--)
    {
      result->first_date = points[i].date;
      if (points[i].close > result->high)
        {
          result->high = points[i].close;
          result->high_date = points[i].date;
        }
    }
  result->full_window = points[0].date <= first;
  if (!(result->high > 0))
    return FALSE;
  result->depth = 1.0 - result->close / result->high;
  result->ok = TRUE;
  return TRUE;
}

gboolean
cc_drawdown_from_high (CcSeries   *series,
                       CcDate      as_of,
                       guint       window,
                       CcDrawdown *result)
{
  g_return_val_if_fail (CC_IS_SERIES (series), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (window > 0, FALSE);

  return drawdown_since (series, as_of,
                         cc_calendar_add_trading_days (cc_calendar_trading_day_on_or_before (as_of),
                                                       -(int) (window - 1)),
                         result);
}

CcDate
cc_52_weeks_first (CcDate as_of)
{
  g_return_val_if_fail (as_of != CC_DATE_INVALID, CC_DATE_INVALID);

  return cc_calendar_trading_day_on_or_after (as_of - 52 * 7);
}

gboolean
cc_drawdown_from_52_week_high (CcSeries   *series,
                               CcDate      as_of,
                               CcDrawdown *result)
{
  g_return_val_if_fail (CC_IS_SERIES (series), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return drawdown_since (series, as_of, cc_52_weeks_first (as_of), result);
}

char *
cc_drawdown_describe_high (const CcDrawdown *drawdown)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (drawdown != NULL, NULL);

  if (drawdown->full_window)
    return g_strdup (_("52-week high"));
  dt = cc_date_to_date_time (drawdown->first_date);
  when = g_date_time_format (dt, C_("event date", "%-d %b %Y"));
  /* TRANSLATORS: the highest close since the first day with data, e.g. "high since 6 Oct
   * 2025" (there is less than a year of data) */
  return g_strdup_printf (_("high since %s"), g_strstrip (when));
}

gboolean
cc_moving_average (CcSeries *series,
                   CcDate    as_of,
                   guint     n,
                   double   *result)
{
  const CcPoint *points;
  double sum = 0;
  guint count;
  int last;

  g_return_val_if_fail (CC_IS_SERIES (series), FALSE);
  g_return_val_if_fail (n > 0, FALSE);

  last = cc_series_find_on_or_before (series, as_of);
  if (last < 0 || (guint) last + 1 < n)
    return FALSE;
  points = cc_series_get_points (series, &count);
  for (guint i = 0; i < n; i++)
    sum += points[last - i].close;
  if (result)
    *result = sum / n;
  return TRUE;
}

void
cc_cycle_free (CcCycle *cycle)
{
  if (cycle == NULL)
    return;
  g_free (cycle->id);
  g_free (cycle->label);
  g_clear_pointer (&cycle->path, g_array_unref);
  g_free (cycle);
}

CcCycle *
cc_cycle_measure (CcSeries   *series,
                  CcDate      peak_date,
                  CcDate      until,
                  const char *id,
                  const char *label)
{
  g_autoptr(CcCycle) cycle = NULL;
  const CcPoint *points;
  guint n;
  int peak, x;

  g_return_val_if_fail (CC_IS_SERIES (series), NULL);

  peak = cc_series_find (series, peak_date);
  if (peak < 0)
    return NULL;
  points = cc_series_get_points (series, &n);
  if (!(points[peak].close > 0))
    return NULL;

  cycle = g_new0 (CcCycle, 1);
  cycle->id = g_strdup (id);
  cycle->label = g_strdup (label);
  cycle->peak_date = peak_date;
  cycle->peak_close = points[peak].close;
  cycle->trough_date = peak_date;
  cycle->trough_close = points[peak].close;
  cycle->path = g_array_new (FALSE, FALSE, sizeof (CcCyclePoint));

  /* x counts sessions from the peak, one gap at a time: counting each from the peak again was
   * quadratic in the path's length (most of an as-of move in the side panel). */
  x = 0;
  for (guint i = peak; i < n && points[i].date <= until; i++)
    {
      CcCyclePoint p;

      if (i > (guint) peak)
        x += cc_calendar_trading_days_between (points[i - 1].date, points[i].date);
      p.date = points[i].date;
      p.x = x;
      p.drawdown = points[i].close / cycle->peak_close - 1.0;
      g_array_append_val (cycle->path, p);

      if (i == (guint) peak)
        continue;
      if (points[i].close >= cycle->peak_close)
        {
          /* Back at the old high: the decline is over. */
          cycle->recovered = TRUE;
          cycle->recovery_date = points[i].date;
          break;
        }
      if (points[i].close < cycle->trough_close)
        {
          cycle->trough_close = points[i].close;
          cycle->trough_date = points[i].date;
        }
    }

  cycle->depth = 1.0 - cycle->trough_close / cycle->peak_close;
  cycle->days_to_trough = cc_calendar_trading_days_between (cycle->peak_date, cycle->trough_date);
  if (cycle->recovered)
    cycle->days_to_recover = cc_calendar_trading_days_between (cycle->trough_date,
                                                               cycle->recovery_date);
  return g_steal_pointer (&cycle);
}

static const char *
episode_label (const CcCycleEpisode *episode)
{
  if (g_strcmp0 (episode->id, "2000") == 0)
    return _("2000–02 dot-com bust");
  if (g_strcmp0 (episode->id, "2008") == 0)
    return _("2007–09 financial crisis");
  if (g_strcmp0 (episode->id, "2022") == 0)
    return _("2021–22 downturn");
  return episode->name;
}

CcCycle *
cc_cycle_from_episode (const CcCycleEpisode *episode,
                       CcSeries             *monthly,
                       CcDate                until)
{
  g_autoptr(CcSeries) series = NULL;
  const CcPoint *points;
  CcCycle *cycle;
  guint n;

  g_return_val_if_fail (episode != NULL, NULL);
  g_return_val_if_fail (CC_IS_SERIES (monthly), NULL);

  /* The peak and trough closes are exact facts; month-end closes fill the path between and
   * after them, which is enough to draw the decline and to date the recovery to the month. */
  series = cc_series_new (CC_SYMBOL_SOX, CC_LEVEL_PRICE);
  cc_series_append (series, episode->peak_date, episode->peak_close, CC_PROVENANCE_OBSERVED, 0);
  points = cc_series_get_points (monthly, &n);
  for (guint i = 0; i < n; i++)
    if (points[i].date > episode->peak_date && points[i].date <= until)
      cc_series_append (series, points[i].date, points[i].close, points[i].provenance, 0);
  cc_series_set_point (series, episode->trough_date, episode->trough_close,
                       CC_PROVENANCE_OBSERVED, 0);

  cycle = cc_cycle_measure (series, episode->peak_date, until, episode->id,
                            episode_label (episode));
  g_assert (cycle != NULL);
  /* The episode is its peak and trough: a later, deeper low before the recovery (the 2000 peak
   * was not regained until after the 2008 low) belongs to another episode. */
  cycle->trough_date = episode->trough_date;
  cycle->trough_close = episode->trough_close;
  cycle->depth = 1.0 - cycle->trough_close / cycle->peak_close;
  cycle->days_to_trough = cc_calendar_trading_days_between (cycle->peak_date, cycle->trough_date);
  if (cycle->recovered)
    cycle->days_to_recover = cc_calendar_trading_days_between (cycle->trough_date,
                                                               cycle->recovery_date);
  cycle->monthly = TRUE;
  cycle->article_decline = episode->article_decline;
  return cycle;
}

CcCycle *
cc_cycle_current (CcSeries *daily,
                  CcDate    as_of)
{
  CcDrawdown dd;

  g_return_val_if_fail (CC_IS_SERIES (daily), NULL);

  if (!cc_drawdown_from_52_week_high (daily, as_of, &dd))
    return NULL;
  {
    CcCycle *cycle = cc_cycle_measure (daily, dd.high_date, as_of, "current", _("Current"));

    if (cycle)
      cycle->is_current = TRUE;
    return cycle;
  }
}

gboolean
cc_cycle_drawdown_at (const CcCycle *cycle,
                      CcDate         date,
                      double        *drawdown)
{
  gboolean found = FALSE;

  g_return_val_if_fail (cycle != NULL, FALSE);

  for (guint i = 0; i < cycle->path->len; i++)
    {
      const CcCyclePoint *p = &g_array_index (cycle->path, CcCyclePoint, i);

      if (p->date > date)
        break;
      found = TRUE;
      if (drawdown)
        *drawdown = p->drawdown;
    }
  return found;
}
