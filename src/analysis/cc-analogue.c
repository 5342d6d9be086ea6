/* cc-analogue.c: several events lined up at day 0, and the chip cycles aligned at their peaks. */
#define G_LOG_DOMAIN "cc-analogue"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-analogue.h"
#include "cc-analysis.h"
#include "cc-catalogue.h"
#include "cc-date.h"
#include "cc-derived.h"
#include "cc-indicators.h"
#include "cc-json-builder.h"
#include "cc-csv-field.h"

G_DEFINE_QUARK (cc-analogue-error-quark, cc_analogue_error)

/* A base further back than this is no longer "the close before the event", even for
 * month-end data (a month has at most 23 sessions). */
#define MAX_BASE_GAP_DAYS 35

static gboolean
parse_day (const char *text,
           int        *value)
{
  g_autofree char *copy = NULL;
  const char *p;
  char *end = NULL;
  gint64 v;

  copy = g_strstrip (g_strdup (text));
  p = copy;
  /* A typographic minus (U+2212), as the window and the docs print it. */
  if (g_str_has_prefix (p, "\xe2\x88\x92"))
    {
      g_autofree char *fixed = g_strconcat ("-", p + 3, NULL);

      g_free (copy);
      copy = g_steal_pointer (&fixed);
      p = copy;
    }
  if (*p == '\0')
    return FALSE;
  if (!(g_ascii_isdigit (*p) || ((*p == '-' || *p == '+') && g_ascii_isdigit (p[1]))))
    return FALSE;
  v = g_ascii_strtoll (p, &end, 10);
  if (end == NULL || *end != '\0' || v < -100000 || v > 100000)
    return FALSE;
  *value = (int) v;
  return TRUE;
}

gboolean
cc_analogue_window_check (const CcAnalogueWindow *window,
                          GError                **error)
{
  g_return_val_if_fail (window != NULL, FALSE);

  if (window->first < CC_ANALOGUE_MIN_FIRST || window->first > -1)
    {
      g_set_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_WINDOW,
                   _("the window must start between day %d and day -1 (t-1 is the base), "
                     "not at day %d"), CC_ANALOGUE_MIN_FIRST, window->first);
      return FALSE;
    }
  if (window->last < 1 || window->last > CC_ANALOGUE_MAX_LAST)
    {
      g_set_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_WINDOW,
                   _("the window must end between day +1 and day +%d, not at day %+d"),
                   CC_ANALOGUE_MAX_LAST, window->last);
      return FALSE;
    }
  return TRUE;
}

gboolean
cc_analogue_window_parse (const char       *text,
                          CcAnalogueWindow *window,
                          GError          **error)
{
  g_auto(GStrv) parts = NULL;
  CcAnalogueWindow w;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 2 || !parse_day (parts[0], &w.first) ||
      !parse_day (parts[1], &w.last))
    {
      g_set_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_WINDOW,
                   _("“%s” is not a window: give the first and last trading day around the "
                     "event, such as -20,+60"), text);
      return FALSE;
    }
  if (!cc_analogue_window_check (&w, error))
    return FALSE;
  *window = w;
  return TRUE;
}

static void
analogue_path_free (CcAnaloguePath *path)
{
  if (path == NULL)
    return;
  g_free (path->label);
  g_free (path->event_id);
  g_free (path->value);
  g_free (path->provenance);
  g_free (path->missing);
  g_free (path->car_problem);
  g_free (path);
}

void
cc_analogue_set_free (CcAnalogueSet *set)
{
  if (set == NULL)
    return;
  g_free (set->item);
  g_free (set->label);
  g_clear_pointer (&set->paths, g_ptr_array_unref);
  g_free (set->median);
  g_free (set->q1);
  g_free (set->q3);
  g_free (set->count);
  g_free (set);
}

double
cc_analogue_quantile (const double *sorted,
                      guint         n,
                      double        p)
{
  double h, lo;
  guint i;

  g_return_val_if_fail (n == 0 || sorted != NULL, NAN);

  if (n == 0)
    return NAN;
  h = (n - 1) * CLAMP (p, 0.0, 1.0);
  lo = floor (h);
  i = (guint) lo;
  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

static char *
format_day (int day)
{
  /* "t-12", "t+14": the notation of the axis. */
  if (day == 0)
    return g_strdup ("t0");
  return g_strdup_printf ("t%+d", day);
}

static char *
format_date (CcDate date)
{
  g_autoptr(GDateTime) dt = cc_date_to_date_time (date);
  g_autofree char *text = g_date_time_format (dt, C_("event date", "%-d %b %Y"));

  return g_strdup (g_strstrip (text));
}

/* The plain return of @series over [day0 + first, day0 + last]: from the close before the
 * window to its last close. */
static gboolean
window_return (CcSeries *series,
               CcDate    day0,
               int       first,
               int       last,
               CcDate    as_of,
               double   *result)
{
  CcDate from = cc_calendar_add_trading_days (day0, first - 1);
  CcDate to = cc_calendar_add_trading_days (day0, last);
  int i = cc_series_find (series, from), j = cc_series_find (series, to);
  double a, b;

  if (i < 0 || j < 0 || to > as_of)
    return FALSE;
  a = cc_series_get_point (series, i)->close;
  b = cc_series_get_point (series, j)->close;
  if (!(a > 0) || !isfinite (b))
    return FALSE;
  *result = b / a - 1.0;
  return TRUE;
}

static void
fill_table (CcAnaloguePath *path,
            CcSeries       *series,
            CcSeries       *market,
            const CcAnalogueWindow *window,
            CcDate          as_of)
{
  const CcPoint *points;
  guint n;
  int i0;
  double low = INFINITY;
  int low_day = 0;
  gboolean is_market = series == market ||
                       (market != NULL && g_strcmp0 (cc_series_get_symbol (series),
                                                     cc_series_get_symbol (market)) == 0);

  /* The day-0 move is close to close, so only a base on t-1 itself gives one. */
  if (path->has_base && !path->coarse && !isnan (path->value[-window->first]))
    {
      path->has_move = TRUE;
      path->move = path->value[-window->first];
    }

  if (is_market || market == NULL)
    {
      path->car_is_return = TRUE;
      for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          path->has_car[w] = window_return (series, path->day0, cc_event_study_windows[w].first,
                                            cc_event_study_windows[w].last, as_of,
                                            &path->car[w]);
          path->t_stat[w] = NAN;
        }
    }
  else
    {
      g_autoptr(CcEventStudyRow) row = cc_event_study_row_compute (series, market, path->day0,
                                                                   as_of, NULL);

      for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          path->has_car[w] = row->has_car[w];
          path->car[w] = row->car[w];
          path->t_stat[w] = row->t_stat[w];
        }
      path->car_problem = g_steal_pointer (&row->model_problem);
    }

  /* The drawdown: the lowest value from day 0 on, within the window. */
  for (int day = 0; day <= window->last; day++)
    {
      double v = path->value[day - window->first];

      if (isnan (v))
        continue;
      path->has_drawdown = TRUE;
      if (v < low)
        {
          low = v;
          low_day = day;
        }
    }
  if (!path->has_drawdown)
    return;
  if (low >= 0)
    {
      /* Never below the t-1 close: nothing to regain. */
      path->drawdown = 0;
      path->drawdown_day = 0;
      path->drawdown_date = CC_DATE_INVALID;
      path->recovered = TRUE;
      path->recovery_day = 0;
      path->recovery_date = CC_DATE_INVALID;
      return;
    }
  path->drawdown = -low;
  path->drawdown_day = low_day;
  path->drawdown_date = cc_calendar_add_trading_days (path->day0, low_day);

  /* The recovery may come after the window: look on to the as-of date. */
  points = cc_series_get_points (series, &n);
  i0 = cc_series_find_on_or_after (series, path->drawdown_date);
  for (int i = MAX (i0, 0); i0 >= 0 && (guint) i < n && points[i].date <= as_of; i++)
    {
      if (!cc_calendar_is_trading_day (points[i].date))
        continue;
      if (points[i].close >= path->base_close)
        {
          path->recovered = TRUE;
          path->recovery_date = points[i].date;
          path->recovery_day = cc_calendar_trading_days_between (path->day0, points[i].date);
          break;
        }
    }
}

static CcAnaloguePath *
compute_path (CcSeries               *series,
              CcSeries               *market,
              CcDate                  date,
              const char             *label,
              const CcAnalogueWindow *window,
              CcDate                  as_of)
{
  CcAnaloguePath *path = g_new0 (CcAnaloguePath, 1);
  const CcPoint *points;
  CcDate t_minus_1, first_date, last_date, day;
  guint n;
  int base, i;

  path->date = date;
  path->day0 = cc_calendar_trading_day_on_or_after (date);
  path->label = label ? g_strdup (label) : format_date (date);
  path->n_days = window->last - window->first + 1;
  path->value = g_new (double, path->n_days);
  path->provenance = g_new0 (guint8, path->n_days);
  for (guint k = 0; k < path->n_days; k++)
    path->value[k] = NAN;
  path->least_certain = CC_PROVENANCE_OBSERVED;
  path->drawdown_date = CC_DATE_INVALID;
  path->recovery_date = CC_DATE_INVALID;

  points = cc_series_get_points (series, &n);
  t_minus_1 = cc_calendar_previous_trading_day (path->day0);
  base = cc_series_find_on_or_before (series, MIN (t_minus_1, as_of));
  /* Skip rows on closed days (an import's interpolated holidays): they are no close. */
  while (base >= 0 && !cc_calendar_is_trading_day (points[base].date))
    base--;
  if (n == 0 || path->day0 > MIN (as_of, points[n - 1].date))
    {
      g_autofree char *last = n ? format_date (MIN (as_of, points[n - 1].date)) : NULL;

      path->missing = n ? g_strdup_printf (_("the event is after the data (last close %s)"),
                                           last)
                        : g_strdup (_("no data"));
      return path;
    }
  if (base < 0 || t_minus_1 - points[base].date > MAX_BASE_GAP_DAYS ||
      !(points[base].close > 0))
    {
      g_autofree char *first = format_date (points[0].date);

      path->missing = g_strdup_printf (_("no close before the event to rebase to (data start "
                                         "%s)"), first);
      return path;
    }
  path->has_base = TRUE;
  path->base_date = points[base].date;
  path->base_close = points[base].close;
  path->coarse = path->base_date != t_minus_1;

  /* Walk the series and the calendar side by side from the window's first day. */
  first_date = cc_calendar_add_trading_days (path->day0, window->first);
  last_date = cc_calendar_add_trading_days (path->day0, window->last);
  i = cc_series_find_on_or_after (series, first_date);
  day = first_date;
  for (int x = window->first; i >= 0 && (guint) i < n && x <= window->last; )
    {
      const CcPoint *p = &points[i];

      if (p->date > last_date || p->date > as_of)
        break;
      if (!cc_calendar_is_trading_day (p->date))
        {
          i++;
          continue;
        }
      while (day < p->date)
        {
          day = cc_calendar_next_trading_day (day);
          x++;
        }
      if (x > window->last)
        break;
      if (isfinite (p->close))
        {
          guint k = x - window->first;

          path->value[k] = p->close / path->base_close - 1.0;
          path->provenance[k] = p->provenance;
          path->least_certain = MAX (path->least_certain, (CcProvenance) p->provenance);
          if (path->n_values == 0)
            path->first_day = x;
          path->last_day = x;
          path->n_values++;
        }
      i++;
    }

  /* Say what is missing at either end (a gap in the middle is a gap in the data, drawn as
   * one). */
  {
    g_autoptr(GString) missing = g_string_new (NULL);

    if (path->coarse)
      {
        g_autofree char *when = format_date (path->base_date);

        g_string_append_printf (missing, _("month-end data only, rebased to the close of %s"),
                                when);
      }
    else
      {
        if (path->n_values == 0 || path->first_day > window->first)
          {
            g_autofree char *d = format_day (path->n_values ? path->first_day : 0);

            if (missing->len)
              g_string_append (missing, "; ");
            g_string_append_printf (missing, _("no data before %s"), d);
          }
        if (path->n_values == 0 || path->last_day < window->last)
          {
            g_autofree char *d = format_day (path->n_values ? path->last_day : -1);

            if (missing->len)
              g_string_append (missing, "; ");
            g_string_append_printf (missing, _("data end at %s"), d);
          }
      }
    if (missing->len)
      path->missing = g_string_free (g_steal_pointer (&missing), FALSE);
  }

  fill_table (path, series, market, window, as_of);
  return path;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

CcAnalogueSet *
cc_analogue_set_compute (CcSeries               *series,
                         CcSeries               *market,
                         const char             *label,
                         const CcDate           *dates,
                         const char * const     *labels,
                         guint                   n_dates,
                         const CcAnalogueWindow *window,
                         CcDate                  as_of)
{
  g_autoptr(CcAnalogueSet) set = NULL;
  g_autofree double *column = NULL;
  guint n_days, with_base = 0;

  g_return_val_if_fail (CC_IS_SERIES (series), NULL);
  g_return_val_if_fail (market == NULL || CC_IS_SERIES (market), NULL);
  g_return_val_if_fail (n_dates == 0 || dates != NULL, NULL);
  g_return_val_if_fail (window != NULL && cc_analogue_window_check (window, NULL), NULL);

  set = g_new0 (CcAnalogueSet, 1);
  set->item = g_strdup (cc_series_get_symbol (series));
  set->label = g_strdup (label ? label : cc_series_get_symbol (series));
  set->window = *window;
  set->as_of = as_of == CC_DATE_INVALID ? G_MAXINT32 : as_of;
  set->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) analogue_path_free);
  for (guint e = 0; e < n_dates; e++)
    {
      CcAnaloguePath *path = compute_path (series, market, dates[e],
                                           labels ? labels[e] : NULL, window, set->as_of);

      with_base += path->has_base;
      g_ptr_array_add (set->paths, path);
    }

  n_days = window->last - window->first + 1;
  set->median = g_new (double, n_days);
  set->q1 = g_new (double, n_days);
  set->q3 = g_new (double, n_days);
  set->count = g_new0 (guint8, n_days);
  column = g_new (double, MAX (n_dates, 1));
  set->has_band = with_base >= CC_ANALOGUE_MIN_FOR_BAND;
  for (guint k = 0; k < n_days; k++)
    {
      guint m = 0;

      for (guint e = 0; e < n_dates; e++)
        {
          const CcAnaloguePath *path = g_ptr_array_index (set->paths, e);

          if (!isnan (path->value[k]))
            column[m++] = path->value[k];
        }
      set->count[k] = MIN (m, 255);
      set->median[k] = set->q1[k] = set->q3[k] = NAN;
      if (!set->has_band || m < CC_ANALOGUE_MIN_FOR_BAND)
        continue;
      qsort (column, m, sizeof (double), compare_doubles);
      set->median[k] = cc_analogue_quantile (column, m, 0.5);
      set->q1[k] = cc_analogue_quantile (column, m, 0.25);
      set->q3[k] = cc_analogue_quantile (column, m, 0.75);
    }
  return g_steal_pointer (&set);
}

/* The ratio @item as one series of levels: both sides as growth factors from the later of
 * their first closes, so that every day both have is in it. */
static CcSeries *
ratio_series (CcDataset  *dataset,
              const char *item,
              CcDate      until,
              GError    **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  CcDate base = CC_DATE_INVALID;

  if (cc_derived_parse (item, &a, &b, error) != CC_DERIVED_RATIO)
    return NULL;
  if (!cc_derived_side_members (dataset, a, members, error) ||
      !cc_derived_side_members (dataset, b, members, error))
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      CcSeries *m = g_ptr_array_index (members, i);

      if (cc_series_get_n_points (m) > 0)
        base = MAX (base, cc_series_get_first (m)->date);
    }
  return cc_derived_series_new (dataset, item, base, base, until == G_MAXINT32 ? G_MAXINT32 - 1
                                                                               : until,
                                NULL, error);
}

/* The series of @item up to @until (owned: free it), its label and its kind. */
static CcSeries *
item_series (CcDataset      *dataset,
             const char     *item,
             CcSeries       *portfolio,
             CcDate          until,
             char          **label,
             CcDerivedKind  *kind,
             GError        **error)
{
  g_autoptr(CcSeries) series = NULL;

  *kind = cc_derived_get_kind (item);
  if (g_str_has_prefix (item, "portfolio:"))
    {
      /* The user's portfolio: its own series (cc-exposure.h), lined up like a basket. */
      if (portfolio != NULL && g_str_equal (cc_series_get_symbol (portfolio), item))
        series = g_object_ref (portfolio);
      /* TRANSLATORS: the event study's row of the user's portfolio; %s is its name */
      *label = g_strdup_printf (_("Portfolio %s"), item + strlen ("portfolio:"));
    }
  else if (*kind == CC_DERIVED_SPREAD)
    {
      /* A spread is in percentage points since a base date: there is no level to rebase at
       * t-1, so a path of it would depend on that base date. Its ratio has one. */
      g_set_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_ITEM,
                   _("“%s” is a spread: it has no level to line up at t−1; compare the ratio "
                     "instead"), item);
      return NULL;
    }
  else if (*kind == CC_DERIVED_RATIO)
    {
      g_autoptr(GError) local = NULL;

      series = ratio_series (dataset, item, until, &local);
      if (series == NULL)
        {
          g_set_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_ITEM, "%s", local->message);
          return NULL;
        }
      *label = cc_derived_describe (item);
    }
  else if (g_str_has_prefix (item, "basket:"))
    {
      series = cc_group_basket_new_full (dataset, item + strlen ("basket:"), until, NULL);
      *label = cc_group_basket_label (item + strlen ("basket:"));
    }
  else
    {
      series = cc_dataset_get_series (dataset, item);
      if (series)
        g_object_ref (series);
      *label = g_strdup (item);
    }
  if (series == NULL || cc_series_get_n_points (series) < 2)
    {
      g_clear_pointer (label, g_free);
      g_set_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_ITEM,
                   _("no data for “%s”"), item);
      return NULL;
    }
  return g_steal_pointer (&series);
}

gboolean
cc_analogue_item_range (CcDataset  *dataset,
                        const char *item,
                        CcDate      as_of,
                        CcDate     *first,
                        CcDate     *last,
                        GError    **error)
{
  return cc_analogue_item_range_full (dataset, item, NULL, as_of, first, last, error);
}

gboolean
cc_analogue_item_range_full (CcDataset  *dataset,
                             const char *item,
                             CcSeries   *portfolio,
                             CcDate      as_of,
                             CcDate     *first,
                             CcDate     *last,
                             GError    **error)
{
  g_autoptr(CcSeries) series = NULL;
  g_autofree char *label = NULL;
  CcDate until = as_of == CC_DATE_INVALID ? G_MAXINT32 : as_of;
  CcDerivedKind kind;

  g_return_val_if_fail (CC_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  series = item_series (dataset, item, portfolio, until, &label, &kind, error);
  if (series == NULL)
    return FALSE;
  *first = cc_series_get_first (series)->date;
  *last = cc_series_get_point (series,
                               MAX (cc_series_find_on_or_before (series, until), 0))->date;
  return TRUE;
}

CcAnalogueSet *
cc_analogue_set_new (CcDataset              *dataset,
                     const char             *item,
                     const CcDate           *dates,
                     guint                   n_dates,
                     const CcAnalogueWindow *window,
                     CcDate                  as_of,
                     GError                **error)
{
  return cc_analogue_set_new_full (dataset, item, NULL, dates, n_dates, window, as_of, error);
}

CcAnalogueSet *
cc_analogue_set_new_full (CcDataset              *dataset,
                          const char             *item,
                          CcSeries               *portfolio,
                          const CcDate           *dates,
                          guint                   n_dates,
                          const CcAnalogueWindow *window,
                          CcDate                  as_of,
                          GError                **error)
{
  g_autoptr(CcSeries) owned = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  CcSeries *series, *market;
  const CcPoint *first, *last;
  CcDate until = as_of == CC_DATE_INVALID ? G_MAXINT32 : as_of;
  CcDerivedKind kind;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (window != NULL, NULL);

  if (!cc_analogue_window_check (window, error))
    return NULL;
  owned = item_series (dataset, item, portfolio, until, &label, &kind, error);
  if (owned == NULL)
    return NULL;
  series = owned;

  first = cc_series_get_first (series);
  last = cc_series_get_point (series, MAX (cc_series_find_on_or_before (series, until), 0));
  for (guint e = 0; e < n_dates; e++)
    {
      CcDate day0 = cc_calendar_trading_day_on_or_after (dates[e]);
      CcEvent *event;

      if (day0 <= first->date || day0 > last->date)
        {
          char when[11], from[11], to[11];

          cc_date_format_iso (dates[e], when);
          cc_date_format_iso (first->date, from);
          cc_date_format_iso (last->date, to);
          g_set_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_EVENT,
                       _("the event %s is outside the data for %s (%s to %s)"), when, item,
                       from, to);
          return NULL;
        }
      event = cc_dataset_find_event_on (dataset, day0);
      if (event == NULL)
        event = cc_dataset_find_event_on (dataset, dates[e]);
      g_ptr_array_add (labels, event ? g_strdup (cc_event_get_title (event)) : NULL);
    }
  g_ptr_array_add (labels, NULL);

  /* A ratio is already measured against its second side: its CARs are its plain returns. */
  market = kind == CC_DERIVED_RATIO ? series : cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  {
    CcAnalogueSet *set = cc_analogue_set_compute (series, market ? market : series, label,
                                                  dates, (const char * const *) labels->pdata,
                                                  n_dates, window, as_of);

    g_free (set->item);
    set->item = g_strdup (item);
    for (guint e = 0; e < n_dates; e++)
      {
        CcAnaloguePath *path = g_ptr_array_index (set->paths, e);
        CcEvent *event = cc_dataset_find_event_on (dataset, path->day0);

        if (event == NULL)
          event = cc_dataset_find_event_on (dataset, dates[e]);
        if (event)
          path->event_id = g_strdup (cc_event_get_id (event));
      }
    return set;
  }
}

char *
cc_analogue_format_recovery (const CcAnaloguePath *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!path->has_drawdown)
    return g_strdup ("—");
  if (path->drawdown == 0)
    /* TRANSLATORS: the analogue table's recovery column when the item never closed below its
     * close before the event */
    return g_strdup (_("never below"));
  if (!path->recovered)
    /* TRANSLATORS: the item has not yet closed back at its level before the event */
    return g_strdup (_("not yet"));
  return format_day (path->recovery_day);
}

char *
cc_analogue_format_drawdown (const CcAnaloguePath *path)
{
  g_autofree char *value = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!path->has_drawdown)
    return g_strdup ("—");
  if (path->drawdown == 0)
    /* TRANSLATORS: no drawdown below the close before the event */
    return g_strdup (_("none"));
  value = cc_format_return (-path->drawdown);
  day = format_day (path->drawdown_day);
  return g_strdup_printf ("%s (%s)", value, day);
}

gboolean
cc_analogue_is_daily (CcSeries *series,
                      CcDate    from,
                      CcDate    to)
{
  const CcPoint *points;
  guint n, have = 0, want;
  int i;

  g_return_val_if_fail (CC_IS_SERIES (series), FALSE);

  if (to < from)
    return FALSE;
  want = cc_calendar_trading_days_between (from, to) + (cc_calendar_is_trading_day (from) ? 1 : 0);
  if (want == 0)
    return FALSE;
  points = cc_series_get_points (series, &n);
  i = cc_series_find_on_or_after (series, from);
  for (; i >= 0 && (guint) i < n && points[i].date <= to; i++)
    have += cc_calendar_is_trading_day (points[i].date);
  return have * 100 >= want * 95;
}

/* @series without rows on closed days (an import's interpolated holidays), which are no close
 * and would repeat a day on the trading-day axis. */
static CcSeries *
trading_days_only (CcSeries *series)
{
  const CcPoint *points;
  CcSeries *copy;
  guint n;

  points = cc_series_get_points (series, &n);
  for (guint i = 0; i < n; i++)
    if (!cc_calendar_is_trading_day (points[i].date))
      goto filter;
  return g_object_ref (series);

filter:
  copy = cc_series_new (cc_series_get_symbol (series), cc_series_get_level_kind (series));
  cc_series_reserve (copy, n);
  for (guint i = 0; i < n; i++)
    if (cc_calendar_is_trading_day (points[i].date))
      cc_series_append (copy, points[i].date, points[i].close, points[i].provenance,
                        points[i].flags);
  return copy;
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

GPtrArray *
cc_analogue_cycles (CcSeries *sox,
                    CcSeries *monthly,
                    CcDate    as_of,
                    int       after_trough)
{
  GPtrArray *cycles = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_cycle_free);
  const CcCycleEpisode *episodes;
  guint n_episodes;

  g_return_val_if_fail (sox == NULL || CC_IS_SERIES (sox), cycles);
  g_return_val_if_fail (monthly == NULL || CC_IS_SERIES (monthly), cycles);

  if (as_of == CC_DATE_INVALID)
    as_of = sox != NULL && cc_series_get_n_points (sox) > 0 ? cc_series_get_last (sox)->date
                                                            : G_MAXINT32;
  episodes = cc_dataset_get_episodes (&n_episodes);
  for (guint e = 0; e < n_episodes; e++)
    {
      const CcCycleEpisode *episode = &episodes[e];
      CcDate until = cc_calendar_add_trading_days (episode->trough_date, MAX (after_trough, 0));
      CcCycle *cycle = NULL;

      if (until > as_of)
        until = as_of;
      if (sox != NULL && cc_series_find (sox, episode->peak_date) >= 0 &&
          cc_analogue_is_daily (sox, episode->peak_date, episode->trough_date))
        {
          g_autoptr(CcSeries) daily = trading_days_only (sox);

          cycle = cc_cycle_measure (daily, episode->peak_date, until, episode->id,
                                    episode_label (episode));
          if (cycle)
            {
              cycle->monthly = FALSE;
              cycle->article_decline = episode->article_decline;
            }
        }
      if (cycle == NULL && monthly != NULL)
        {
          cycle = cc_cycle_from_episode (episode, monthly, until);
          cycle->monthly = TRUE;
        }
      if (cycle != NULL)
        g_ptr_array_add (cycles, cycle);
    }

  if (sox != NULL && cc_series_get_n_points (sox) > 0)
    {
      g_autoptr(CcSeries) daily = trading_days_only (sox);
      CcCycle *current = cc_cycle_current (daily, as_of);

      if (current != NULL)
        {
          /* A "current" decline is measured on the daily bars of the last year. */
          current->monthly = !cc_analogue_is_daily (sox, current->peak_date,
                                                   MIN (as_of, cc_series_get_last (sox)->date));
          g_ptr_array_add (cycles, current);
        }
    }
  return cycles;
}

static const char * const window_keys[CC_EVENT_STUDY_N_WINDOWS] = {
  "0_0", "m1_p1", "0_p5", "0_p20",
};

char **
cc_analogue_table_headings (const CcAnalogueSet *set)
{
  GStrvBuilder *b = g_strv_builder_new ();
  gboolean plain = FALSE;
  char **result;

  g_return_val_if_fail (set != NULL, NULL);

  for (guint e = 0; e < set->paths->len; e++)
    plain |= ((CcAnaloguePath *) g_ptr_array_index (set->paths, e))->car_is_return;
  g_strv_builder_add (b, _("Event"));
  g_strv_builder_add (b, _("Day 0"));
  /* TRANSLATORS: the analogue table's column of the event-day move */
  g_strv_builder_add (b, _("Move"));
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      const CcEventWindow *win = &cc_event_study_windows[w];
      g_autofree char *span = win->first == win->last
                              ? g_strdup_printf ("[%d]", win->first)
                              : g_strdup_printf ("[%d,%+d]", win->first, win->last);
      g_autofree char *heading = NULL;

      /* TRANSLATORS: "CAR [0,+5]" is the cumulative abnormal return; "Return [0,+5]" the
       * plain return, for ^SOX itself */
      heading = plain ? g_strdup_printf (_("Return %s"), span)
                      : g_strdup_printf (_("CAR %s"), span);
      g_strv_builder_add (b, heading);
    }
  g_strv_builder_add (b, _("Largest drawdown"));
  g_strv_builder_add (b, _("Back at t−1"));
  result = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return result;
}

/* g_strv_builder_take() is GLib 2.80. */
static void
builder_take (GStrvBuilder *b,
              char         *text)
{
  g_strv_builder_add (b, text);
  g_free (text);
}

char **
cc_analogue_table_row (const CcAnalogueSet *set,
                       guint                index)
{
  GStrvBuilder *b;
  const CcAnaloguePath *p;
  char **result;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (index < set->paths->len, NULL);

  p = g_ptr_array_index (set->paths, index);
  b = g_strv_builder_new ();
  /* A dagger marks rows whose numbers rest on rebuilt closes, as in the event study. */
  builder_take (b, p->n_values && p->least_certain != CC_PROVENANCE_OBSERVED
                   ? g_strdup_printf ("%s †", p->label) : g_strdup (p->label));
  builder_take (b, format_date (p->day0));
  builder_take (b, p->has_move ? cc_format_return (p->move) : g_strdup ("—"));
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    builder_take (b, p->has_car[w] ? cc_format_return (p->car[w]) : g_strdup ("—"));
  builder_take (b, cc_analogue_format_drawdown (p));
  builder_take (b, cc_analogue_format_recovery (p));
  result = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return result;
}

static void
json_series (JsonBuilder  *b,
             const char   *name,
             const double *values,
             guint         n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint k = 0; k < n; k++)
    if (isnan (values[k]))
      json_builder_add_null_value (b);
    else
      json_builder_add_double_value (b, round (values[k] * 1e8) / 1e8);
  json_builder_end_array (b);
}

/* Where today sits, as the panel says it: the latest event still inside its window, the
 * trading days since its day 0, its path today, its largest drawdown so far and whether it is
 * back at the t-1 close; null when every event's window is whole. */
static void
today_to_json (JsonBuilder         *b,
               const CcAnalogueSet *set)
{
  const CcAnaloguePath *p;
  g_autofree char *text = NULL;
  CcAnalogueNow now;

  json_builder_set_member_name (b, "today");
  if (!cc_analogue_set_get_now (set, &now))
    {
      json_builder_add_null_value (b);
      return;
    }
  p = g_ptr_array_index (set->paths, now.path);
  text = cc_analogue_format_today (set);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event_index");
  json_builder_add_int_value (b, now.path);
  cc_json_add_string (b, "label", p->label);
  cc_json_add_date (b, "day0", p->day0);
  json_builder_set_member_name (b, "days_since");
  json_builder_add_int_value (b, now.day);
  cc_json_add_date (b, "date", cc_calendar_add_trading_days (p->day0, now.day));
  cc_json_add_number (b, "value", TRUE, now.value);
  cc_json_add_number (b, "drawdown_so_far", p->has_drawdown, p->drawdown);
  cc_json_add_number (b, "drawdown_day", p->has_drawdown && p->drawdown > 0, p->drawdown_day);
  json_builder_set_member_name (b, "recovered");
  json_builder_add_boolean_value (b, p->recovered);
  cc_json_add_number (b, "recovery_day", p->recovered, p->recovery_day);
  json_builder_set_member_name (b, "others");
  json_builder_add_int_value (b, now.n_others);
  cc_json_add_number (b, "others_median", now.n_others > 0, now.median);
  cc_json_add_string (b, "text", text);
  json_builder_end_object (b);
}

JsonNode *
cc_analogue_set_to_json (const CcAnalogueSet *set)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_auto(GStrv) headings = NULL;
  guint n_days;

  g_return_val_if_fail (set != NULL, NULL);

  n_days = set->window.last - set->window.first + 1;
  headings = cc_analogue_table_headings (set);
  json_builder_begin_object (b);
  cc_json_add_string (b, "item", set->item);
  cc_json_add_string (b, "label", set->label);
  json_builder_set_member_name (b, "window");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, set->window.first);
  json_builder_add_int_value (b, set->window.last);
  json_builder_end_array (b);
  cc_json_add_date (b, "as_of", set->as_of == G_MAXINT32 ? CC_DATE_INVALID : set->as_of);
  cc_json_add_string (b, "values", "fraction of the close on t-1 minus 1");
  cc_json_add_strv (b, "table_headings", (const char * const *) headings);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
      g_auto(GStrv) row = cc_analogue_table_row (set, e);

      json_builder_begin_object (b);
      cc_json_add_date (b, "date", p->date);
      cc_json_add_date (b, "day0", p->day0);
      cc_json_add_string (b, "label", p->label);
      cc_json_add_string (b, "event_id", p->event_id);
      cc_json_add_date (b, "base_date", p->has_base ? p->base_date : CC_DATE_INVALID);
      cc_json_add_number (b, "base_close", p->has_base, p->base_close);
      json_builder_set_member_name (b, "month_end_base");
      json_builder_add_boolean_value (b, p->coarse);
      cc_json_add_string (b, "provenance", p->n_values ? cc_provenance_to_string (p->least_certain)
                                                : NULL);
      cc_json_add_string (b, "missing", p->missing);
      cc_json_add_number (b, "move", p->has_move, p->move);
      cc_json_add_string (b, "car_kind", p->car_is_return ? "return" : "abnormal");
      json_builder_set_member_name (b, "car");
      json_builder_begin_object (b);
      for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        cc_json_add_number (b, window_keys[w], p->has_car[w], p->car[w]);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "t_stat");
      json_builder_begin_object (b);
      for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        cc_json_add_number (b, window_keys[w], p->has_car[w], p->t_stat[w]);
      json_builder_end_object (b);
      cc_json_add_string (b, "no_car_reason", p->car_problem);
      cc_json_add_number (b, "drawdown", p->has_drawdown, p->drawdown);
      cc_json_add_number (b, "drawdown_day", p->has_drawdown && p->drawdown > 0, p->drawdown_day);
      cc_json_add_date (b, "drawdown_date", p->drawdown_date);
      json_builder_set_member_name (b, "recovered");
      json_builder_add_boolean_value (b, p->recovered);
      cc_json_add_number (b, "recovery_day", p->recovered, p->recovery_day);
      cc_json_add_date (b, "recovery_date", p->recovery_date);
      cc_json_add_strv (b, "table", (const char * const *) row);
      json_series (b, "path", p->value, p->n_days);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  today_to_json (b, set);
  json_builder_set_member_name (b, "band");
  if (set->has_band)
    {
      json_builder_begin_object (b);
      json_series (b, "median", set->median, n_days);
      json_series (b, "q1", set->q1, n_days);
      json_series (b, "q3", set->q3, n_days);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
csv_value (GString *out,
           double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", value * 100));
}

char *
cc_analogue_set_to_csv (const CcAnalogueSet *set)
{
  GString *out = g_string_new (NULL);
  guint n_days;

  g_return_val_if_fail (set != NULL, NULL);

  n_days = set->window.last - set->window.first + 1;
  /* Comments are for people and stay English, like the column names. */
  g_string_append_printf (out, "# Chip Cycle analogues: %s, percent change from the close on "
                          "t-1, by NYSE trading day from the event (t0)\r\n", set->item);
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
      char day0[11], base[11];

      cc_date_format_iso (p->day0, day0);
      if (p->has_base)
        cc_date_format_iso (p->base_date, base);
      else
        g_strlcpy (base, "none", sizeof base);
      g_string_append_printf (out, "# event %u: %s, t0 %s, base close %s%s%s\r\n", e + 1,
                              p->label, day0, base,
                              p->n_values && p->least_certain != CC_PROVENANCE_OBSERVED
                              ? ", includes reconstructed or anchored values" : "",
                              p->coarse ? ", month-end data" : "");
    }
  g_string_append (out, "day");
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
      char day0[11];
      g_autofree char *name = NULL;

      cc_date_format_iso (p->day0, day0);
      name = g_strdup_printf ("%s %s", day0, p->label);
      g_string_append_c (out, ',');
      cc_csv_append_field (out, name);
    }
  if (set->has_band)
    g_string_append (out, ",median,q1,q3");
  g_string_append (out, "\r\n");
  for (guint k = 0; k < n_days; k++)
    {
      g_string_append_printf (out, "%d", set->window.first + (int) k);
      for (guint e = 0; e < set->paths->len; e++)
        csv_value (out, ((CcAnaloguePath *) g_ptr_array_index (set->paths, e))->value[k]);
      if (set->has_band)
        {
          csv_value (out, set->median[k]);
          csv_value (out, set->q1[k]);
          csv_value (out, set->q3[k]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
cc_analogue_set_to_text (const CcAnalogueSet *set)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint widths[CC_ANALOGUE_TABLE_N_COLUMNS] = { 0 };

  g_return_val_if_fail (set != NULL, NULL);

  g_ptr_array_add (rows, cc_analogue_table_headings (set));
  for (guint e = 0; e < set->paths->len; e++)
    g_ptr_array_add (rows, cc_analogue_table_row (set, e));
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < CC_ANALOGUE_TABLE_N_COLUMNS && row[c]; c++)
        widths[c] = MAX (widths[c], MIN (g_utf8_strlen (row[c], -1), 32));
    }
  /* TRANSLATORS: heading of `chipcycle compare`: an item and the window, e.g. "t-20 to t+60" */
  g_string_append_printf (out, _("%s around each event, t%+d to t%+d, rebased to the close on "
                                 "t−1"), set->label, set->window.first, set->window.last);
  g_string_append_c (out, '\n');
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < CC_ANALOGUE_TABLE_N_COLUMNS && row[c]; c++)
        {
          g_autofree char *cell = g_utf8_substring (row[c], 0, MIN (32, g_utf8_strlen (row[c],
                                                                                     -1)));
          int pad = (int) widths[c] - (int) g_utf8_strlen (cell, -1);

          if (c == 0)
            g_string_append_printf (out, "%s%*s", cell, pad, "");
          else
            g_string_append_printf (out, "  %*s%s", pad, "", cell);
        }
      g_string_append_c (out, '\n');
    }
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);

      if (p->missing)
        g_string_append_printf (out, "%s: %s\n", p->label, p->missing);
      if (p->car_problem)
        /* TRANSLATORS: an event, then why it has no abnormal returns */
        g_string_append_printf (out, _("%s: no market model: %s\n"), p->label, p->car_problem);
    }
  {
    g_autofree char *today = cc_analogue_format_today (set);

    if (today)
      g_string_append_printf (out, "%s\n", today);
  }
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);

      if (p->n_values && p->least_certain != CC_PROVENANCE_OBSERVED)
        {
          g_string_append_printf (out, "%s\n", _("† the path includes closes rebuilt from "
                                                 "reported figures (anchored or reconstructed), "
                                                 "not market data"));
          break;
        }
    }
  g_string_append_printf (out, "%s\n", cc_analogue_set_car_note (set));
  g_string_append_printf (out, "%s\n", cc_analysis_get_disclaimer ());
  return g_string_free (out, FALSE);
}

const char *
cc_analogue_set_car_note (const CcAnalogueSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);

  if (set->paths->len == 0 ||
      !((CcAnaloguePath *) g_ptr_array_index (set->paths, 0))->car_is_return)
    return _("CAR: cumulative abnormal return against ^SOX (market model, days -250 to -11)");
  if (cc_derived_get_kind (set->item) == CC_DERIVED_RATIO)
    return _("A ratio is already measured against its second side: its returns are plain, "
             "not abnormal");
  return _("^SOX is the market: its returns are plain, not abnormal");
}

gboolean
cc_analogue_set_get_now (const CcAnalogueSet *set,
                         CcAnalogueNow       *now)
{
  const CcAnaloguePath *latest = NULL;
  g_autofree double *others = NULL;
  guint n = 0;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);

      /* Data that end before the window does: this event is still unfolding. */
      if (p->n_values > 0 && p->last_day >= 0 && p->last_day < set->window.last &&
          (latest == NULL || p->day0 > latest->day0))
        {
          latest = p;
          now->path = e;
        }
    }
  if (latest == NULL)
    return FALSE;
  now->day = latest->last_day;
  now->value = latest->value[now->day - set->window.first];
  others = g_new (double, set->paths->len);
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
      double v;

      if (p == latest || p->n_values == 0)
        continue;
      v = p->value[now->day - set->window.first];
      if (!isnan (v))
        others[n++] = v;
    }
  qsort (others, n, sizeof (double), compare_doubles);
  now->n_others = n;
  now->median = n > 0 ? cc_analogue_quantile (others, n, 0.5) : NAN;
  return TRUE;
}

char *
cc_analogue_format_today (const CcAnalogueSet *set)
{
  g_autofree char *text = NULL;
  CcAnalogueNow now;

  g_return_val_if_fail (set != NULL, NULL);

  if (!cc_analogue_set_get_now (set, &now))
    return NULL;
  text = cc_analogue_format_now (set, &now);
  /* TRANSLATORS: where today sits, before "t+14 after …: -8.20%, against …" */
  return g_strdup_printf (_("Today: %s"), text);
}

char *
cc_analogue_format_now (const CcAnalogueSet *set,
                        const CcAnalogueNow *now)
{
  const CcAnaloguePath *p;
  g_autofree char *value = NULL;
  g_autofree char *median = NULL;

  g_return_val_if_fail (set != NULL && now != NULL, NULL);
  g_return_val_if_fail (now->path < set->paths->len, NULL);

  p = g_ptr_array_index (set->paths, now->path);
  value = cc_format_return (now->value);
  if (now->n_others == 0)
    /* TRANSLATORS: where today sits on the latest event's path: "t+14 after Meta Compute
     * announced: -8.20%; no other event has a close at t+14" */
    return g_strdup_printf (_("t%+d after %s: %s; no other event has a close at t%+d"),
                            now->day, p->label, value, now->day);
  median = cc_format_return (now->median);
  if (now->n_others == 1)
    /* TRANSLATORS: where today sits on the latest event's path against the one other event's
     * path on the same trading day */
    return g_strdup_printf (_("t%+d after %s: %s, against %s for the one other event at t%+d"),
                            now->day, p->label, value, median, now->day);
  /* TRANSLATORS: where today sits on the latest event's path against the median of the other
   * events' paths on the same trading day; %u is 2 or more */
  return g_strdup_printf (_("t%+d after %s: %s, against a median of %s for %u other events at "
                            "t%+d"), now->day, p->label, value, median, now->n_others, now->day);
}
