/* cc-rebase.c: simple returns, rebasing to a base date and equal-weight baskets. */
#define G_LOG_DOMAIN "cc-rebase"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-rebase.h"

int
cc_rebase_find_base (CcSeries *series,
                     CcDate    base_date)
{
  int i;

  g_return_val_if_fail (CC_IS_SERIES (series), -1);

  i = cc_series_find_on_or_before (series, base_date);
  if (i < 0)
    return -1;
  if (!(cc_series_get_point (series, i)->close > 0))
    return -1;
  return i;
}

gboolean
cc_return_between (CcSeries *series,
                   CcDate    from,
                   CcDate    to,
                   double   *result)
{
  int a, b;
  double ca, cb;

  g_return_val_if_fail (CC_IS_SERIES (series), FALSE);

  a = cc_series_find_on_or_before (series, from);
  b = cc_series_find_on_or_before (series, to);
  if (a < 0 || b < 0)
    return FALSE;
  ca = cc_series_get_point (series, a)->close;
  cb = cc_series_get_point (series, b)->close;
  if (!(ca > 0) || !isfinite (cb))
    return FALSE;
  if (result)
    *result = cb / ca - 1.0;
  return TRUE;
}

gboolean
cc_return_on_day (CcSeries *series,
                  CcDate    day,
                  double   *result)
{
  int i;
  double prev, cur;

  g_return_val_if_fail (CC_IS_SERIES (series), FALSE);

  i = cc_series_find (series, day);
  if (i <= 0)
    return FALSE;
  prev = cc_series_get_point (series, i - 1)->close;
  cur = cc_series_get_point (series, i)->close;
  if (!(prev > 0) || !isfinite (cur))
    return FALSE;
  if (result)
    *result = cur / prev - 1.0;
  return TRUE;
}

static double
from_growth (double       growth,
             CcRebaseKind kind)
{
  switch (kind)
    {
    case CC_REBASE_PERCENT:
      return (growth - 1.0) * 100.0;
    case CC_REBASE_INDEXED:
      return growth * 100.0;
    case CC_REBASE_GROWTH:
    default:
      return growth;
    }
}

static double
to_growth (double       value,
           CcRebaseKind kind)
{
  switch (kind)
    {
    case CC_REBASE_PERCENT:
      return value / 100.0 + 1.0;
    case CC_REBASE_INDEXED:
      return value / 100.0;
    case CC_REBASE_GROWTH:
    default:
      return value;
    }
}

double
cc_rebase_convert (double       value,
                   CcRebaseKind from_kind,
                   CcRebaseKind to_kind)
{
  return from_growth (to_growth (value, from_kind), to_kind);
}

static void
set_no_base_error (GError    **error,
                   const char *symbol,
                   CcDate      base_date)
{
  char when[11];

  cc_date_format_iso (base_date, when);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("%s has no close on or before %s to rebase to"), symbol, when);
}

CcSeries *
cc_rebase_series (CcSeries     *series,
                  CcDate        base_date,
                  CcRebaseKind  kind,
                  CcDate        from,
                  CcDate        to,
                  GError      **error)
{
  g_autoptr(CcSeries) result = NULL;
  const CcPoint *points;
  guint n;
  int base;
  double base_close;

  g_return_val_if_fail (CC_IS_SERIES (series), NULL);

  base = cc_rebase_find_base (series, base_date);
  if (base < 0)
    {
      set_no_base_error (error, cc_series_get_symbol (series), base_date);
      return NULL;
    }

  points = cc_series_get_points (series, &n);
  base_close = points[base].close;

  result = cc_series_new (cc_series_get_symbol (series), CC_LEVEL_INDEX);
  cc_series_set_name (result, cc_series_get_name (series));
  cc_series_set_source (result, cc_series_get_source (series));
  cc_series_set_origin (result, cc_series_get_origin (series));
  cc_series_set_fetched_at (result, cc_series_get_fetched_at (series));
  cc_series_reserve (result, n);

  for (guint i = 0; i < n; i++)
    {
      if (points[i].date < from || points[i].date > to)
        continue;
      cc_series_append (result, points[i].date, from_growth (points[i].close / base_close, kind),
                        points[i].provenance, points[i].flags);
    }

  return g_steal_pointer (&result);
}

CcSeries *
cc_rebase_series_to_first (CcSeries     *series,
                           CcRebaseKind  kind,
                           CcDate        from,
                           CcDate        to,
                           GError      **error)
{
  int first;

  g_return_val_if_fail (CC_IS_SERIES (series), NULL);

  first = cc_series_find_on_or_after (series, from);
  if (first < 0 || cc_series_get_point (series, first)->date > to)
    {
      char a[11], b[11];

      cc_date_format_iso (from, a);
      cc_date_format_iso (to, b);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: a symbol, then the first and last day of a range. */
                   _("%s has no close from %s to %s to rebase to"),
                   cc_series_get_symbol (series), a, b);
      return NULL;
    }
  return cc_rebase_series (series, cc_series_get_point (series, first)->date, kind, from, to,
                           error);
}

const char *
cc_basket_get_method_label (void)
{
  return _("Baskets: equal weight, rebalanced daily");
}

CcSeries *
cc_basket_new (const char    *symbol,
               const char    *name,
               CcSeries     **members,
               guint          n_members,
               CcDate         base_date,
               CcRebaseKind   kind,
               CcDate         from,
               CcDate         to,
               GError       **error)
{
  g_autoptr(CcSeries) result = NULL;
  g_autoptr(GArray) dates = NULL;
  g_autoptr(GArray) levels = NULL;
  g_autoptr(GByteArray) provenance = NULL;
  g_autoptr(GByteArray) flags = NULL;
  g_autofree double *last_close = NULL;
  g_autofree guint *cursor = NULL;
  double level = 1.0, base_level = 0;
  gboolean have_base = FALSE;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (n_members == 0 || members != NULL, NULL);

  if (n_members == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The basket %s has no members with data"), symbol);
      return NULL;
    }

  last_close = g_new0 (double, n_members);
  cursor = g_new0 (guint, n_members);
  dates = g_array_new (FALSE, FALSE, sizeof (CcDate));
  levels = g_array_new (FALSE, FALSE, sizeof (double));
  provenance = g_byte_array_new ();
  flags = g_byte_array_new ();

  /* The index is chained from the members' first common close, whatever the range asked for,
   * so every caller (chart, event study, indicators) gets the same numbers: each day's change
   * is the plain mean of the members' changes since the previous common close. A date on
   * which only some members trade is skipped (the next one spans both days). */
  for (;;)
    {
      CcDate next = G_MAXINT32;
      double sum = 0;
      guint count = 0;
      guint8 prov = CC_PROVENANCE_OBSERVED;
      guint8 fl = 0;
      gboolean first = dates->len == 0;

      for (guint m = 0; m < n_members; m++)
        {
          guint n;
          const CcPoint *p = cc_series_get_points (members[m], &n);

          if (cursor[m] < n && p[cursor[m]].date < next)
            next = p[cursor[m]].date;
        }
      if (next == G_MAXINT32 || next > to)
        break;

      for (guint m = 0; m < n_members; m++)
        {
          guint n;
          const CcPoint *p = cc_series_get_points (members[m], &n);

          if (cursor[m] < n && p[cursor[m]].date == next)
            count++;
        }
      if (count < n_members)
        {
          for (guint m = 0; m < n_members; m++)
            {
              guint n;
              const CcPoint *p = cc_series_get_points (members[m], &n);

              if (cursor[m] < n && p[cursor[m]].date == next)
                cursor[m]++;
            }
          continue;
        }

      for (guint m = 0; m < n_members; m++)
        {
          const CcPoint *p = cc_series_get_points (members[m], NULL) + cursor[m];

          if (!first)
            sum += p->close / last_close[m];
          last_close[m] = p->close;
          prov = MAX (prov, p->provenance);
          fl |= p->flags;
          cursor[m]++;
        }
      if (!first)
        level *= sum / n_members;
      g_array_append_val (dates, next);
      g_array_append_val (levels, level);
      g_byte_array_append (provenance, &prov, 1);
      g_byte_array_append (flags, &fl, 1);
      if (next <= base_date)
        {
          base_level = level;
          have_base = TRUE;
        }
    }

  if (!have_base || !(base_level > 0))
    {
      set_no_base_error (error, symbol, base_date);
      return NULL;
    }

  result = cc_series_new (symbol, CC_LEVEL_INDEX);
  cc_series_set_name (result, name ? name : symbol);
  for (guint i = 0; i < dates->len; i++)
    {
      CcDate date = g_array_index (dates, CcDate, i);

      if (date < from || date > to)
        continue;
      cc_series_append (result, date,
                        from_growth (g_array_index (levels, double, i) / base_level, kind),
                        provenance->data[i], flags->data[i]);
    }

  return g_steal_pointer (&result);
}
