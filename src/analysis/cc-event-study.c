/* cc-event-study.c: a market-model event study over trading days around an event. */
#define G_LOG_DOMAIN "cc-event-study"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-date.h"
#include "cc-event-study.h"
#include "cc-format.h"
#include "cc-rebase.h"
#include "cc-csv-field.h"

const CcEventWindow cc_event_study_windows[CC_EVENT_STUDY_N_WINDOWS] = {
  { 0, 0 }, { -1, 1 }, { 0, 5 }, { 0, 20 },
};

void
cc_event_study_options_init_default (CcEventStudyOptions *options)
{
  g_return_if_fail (options != NULL);

  options->estimation_first = -250;
  options->estimation_last = -11;
  /* Below a month and a half of days the beta is mostly noise. */
  options->min_estimation_days = 30;
}

gboolean
cc_market_model_fit (const double  *stock,
                     const double  *market,
                     guint          n,
                     CcMarketModel *model)
{
  double mean_s = 0, mean_m = 0, sxx = 0, sxy = 0, syy = 0, ssr = 0;

  g_return_val_if_fail (model != NULL, FALSE);

  memset (model, 0, sizeof *model);
  model->n = n;
  if (n < 3)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      mean_s += stock[i];
      mean_m += market[i];
    }
  mean_s /= n;
  mean_m /= n;

  for (guint i = 0; i < n; i++)
    {
      double dx = market[i] - mean_m;
      double dy = stock[i] - mean_s;

      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
  if (!(sxx > 0))
    return FALSE;

  model->beta = sxy / sxx;
  model->alpha = mean_s - model->beta * mean_m;
  for (guint i = 0; i < n; i++)
    {
      double e = stock[i] - model->alpha - model->beta * market[i];
      ssr += e * e;
    }
  model->sigma = sqrt (ssr / (n - 2));
  model->market_mean = mean_m;
  model->market_sxx = sxx;
  model->r_squared = syy > 0 ? 1.0 - ssr / syy : 1.0;
  model->ok = TRUE;
  return TRUE;
}

gboolean
cc_daily_return (CcSeries *series,
                 CcDate    day,
                 double   *result)
{
  int i, j;
  double prev, cur;

  g_return_val_if_fail (CC_IS_SERIES (series), FALSE);

  i = cc_series_find (series, day);
  if (i < 0)
    return FALSE;
  j = cc_series_find (series, cc_calendar_previous_trading_day (day));
  if (j < 0)
    return FALSE;
  prev = cc_series_get_point (series, j)->close;
  cur = cc_series_get_point (series, i)->close;
  if (!(prev > 0) || !isfinite (cur))
    return FALSE;
  if (result)
    *result = cur / prev - 1.0;
  return TRUE;
}

double
cc_car_variance (const CcMarketModel *model,
                 guint                length,
                 double               market_sum)
{
  double l = length, excess;

  g_return_val_if_fail (model != NULL, NAN);

  if (!model->ok || model->n == 0 || !(model->market_sxx > 0) || length == 0)
    return NAN;
  excess = market_sum - l * model->market_mean;
  return model->sigma * model->sigma *
         (l + l * l / model->n + excess * excess / model->market_sxx);
}

double
cc_car_t_statistic (double car,
                    double variance)
{
  if (!(variance > 0) || !isfinite (variance))
    return NAN;
  return car / sqrt (variance);
}

void
cc_event_study_row_free (CcEventStudyRow *row)
{
  if (row == NULL)
    return;
  g_free (row->item);
  g_free (row->label);
  g_free (row->model_problem);
  g_free (row);
}

static gboolean
abnormal_on (CcSeries            *series,
             CcSeries            *market,
             const CcMarketModel *model,
             CcDate               day,
             CcDate               as_of,
             double              *ar,
             double              *market_return)
{
  double rs, rm;

  if (day > as_of)
    return FALSE;
  if (!cc_daily_return (series, day, &rs) || !cc_daily_return (market, day, &rm))
    return FALSE;
  *ar = rs - model->alpha - model->beta * rm;
  if (market_return)
    *market_return = rm;
  return TRUE;
}

CcEventStudyRow *
cc_event_study_row_compute (CcSeries                  *series,
                            CcSeries                  *market,
                            CcDate                     event_day,
                            CcDate                     as_of,
                            const CcEventStudyOptions *options)
{
  g_autoptr(CcEventStudyRow) row = NULL;
  g_autoptr(GArray) xs = NULL;
  g_autoptr(GArray) ys = NULL;
  CcEventStudyOptions defaults;
  guint full;
  CcDate est_day;
  int i;

  g_return_val_if_fail (CC_IS_SERIES (series), NULL);
  g_return_val_if_fail (CC_IS_SERIES (market), NULL);

  if (options == NULL)
    {
      cc_event_study_options_init_default (&defaults);
      options = &defaults;
    }

  row = g_new0 (CcEventStudyRow, 1);
  row->item = g_strdup (cc_series_get_symbol (series));
  row->label = g_strdup (cc_series_get_name (series) ? cc_series_get_name (series)
                                                     : cc_series_get_symbol (series));
  row->is_market = series == market ||
                   g_strcmp0 (cc_series_get_symbol (series), cc_series_get_symbol (market)) == 0;
  row->provenance = CC_PROVENANCE_OBSERVED;

  if (event_day <= as_of)
    row->has_return = cc_daily_return (series, event_day, &row->event_return);

  for (int k = -1; k <= 0; k++)
    {
      i = cc_series_find (series, cc_calendar_add_trading_days (event_day, k));
      if (i >= 0)
        row->provenance = MAX (row->provenance, cc_series_get_point (series, i)->provenance);
    }

  if (row->is_market)
    return g_steal_pointer (&row);

  xs = g_array_new (FALSE, FALSE, sizeof (double));
  ys = g_array_new (FALSE, FALSE, sizeof (double));
  /* Step from one trading day to the next: counting each day from day 0 again made the fit
   * quadratic in the window's length (bench/bench-panel: 25 ms an analysis, most of it here). */
  est_day = cc_calendar_add_trading_days (event_day, options->estimation_first);
  for (int tau = options->estimation_first; tau <= options->estimation_last;
       tau++, est_day = cc_calendar_next_trading_day (est_day))
    {
      double rs, rm;

      if (est_day > as_of)
        break;
      if (cc_daily_return (series, est_day, &rs) && cc_daily_return (market, est_day, &rm))
        {
          g_array_append_val (ys, rs);
          g_array_append_val (xs, rm);
        }
    }

  full = options->estimation_last - options->estimation_first + 1;
  cc_market_model_fit ((double *) ys->data, (double *) xs->data, ys->len, &row->model);
  row->model.n = ys->len;
  row->short_estimation = ys->len < full;
  if (cc_series_find_on_or_before (series, as_of) < 0 ||
      event_day > cc_series_get_point (series, cc_series_find_on_or_before (series,
                                                                             as_of))->date)
    {
      char day[11], last[11];
      int i_last = cc_series_find_on_or_before (series, as_of);

      cc_date_format_iso (event_day, day);
      if (i_last >= 0)
        cc_date_format_iso (cc_series_get_point (series, i_last)->date, last);
      else
        g_strlcpy (last, "—", sizeof last);
      row->model_problem = g_strdup_printf (_("the event day %s is after the data used "
                                              "(last close %s)"), day, last);
      row->model.ok = FALSE;
    }
  else if (ys->len < options->min_estimation_days)
    {
      row->model_problem = g_strdup_printf (ngettext ("only %u estimation day with returns "
                                                      "(at least %u needed)",
                                                      "only %u estimation days with returns "
                                                      "(at least %u needed)", ys->len),
                                            ys->len, options->min_estimation_days);
      row->model.ok = FALSE;
    }
  else if (!row->model.ok)
    row->model_problem = g_strdup (_("the market did not move over the estimation days"));
  if (!row->model.ok)
    return g_steal_pointer (&row);

  row->has_abnormal = abnormal_on (series, market, &row->model, event_day, as_of,
                                   &row->abnormal_return, NULL);
  for (int tau = CC_EVENT_STUDY_PATH_FIRST; tau <= CC_EVENT_STUDY_PATH_LAST; tau++)
    {
      guint k = tau - CC_EVENT_STUDY_PATH_FIRST;

      row->has_path[k] = abnormal_on (series, market, &row->model,
                                      cc_calendar_add_trading_days (event_day, tau), as_of,
                                      &row->path[k], NULL);
    }

  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      const CcEventWindow *win = &cc_event_study_windows[w];
      double car = 0, market_sum = 0;
      gboolean ok = TRUE;

      for (int tau = win->first; tau <= win->last && ok; tau++)
        {
          double ar, rm;

          ok = abnormal_on (series, market, &row->model,
                            cc_calendar_add_trading_days (event_day, tau), as_of, &ar, &rm);
          car += ar;
          market_sum += rm;
        }
      row->has_car[w] = ok;
      if (ok)
        {
          guint length = win->last - win->first + 1;

          row->car[w] = car;
          row->t_stat[w] = cc_car_t_statistic (car, cc_car_variance (&row->model, length,
                                                                     market_sum));
        }
    }

  return g_steal_pointer (&row);
}

static int
compare_rows_by_return (gconstpointer a,
                        gconstpointer b)
{
  const CcEventStudyRow *ra = *(CcEventStudyRow * const *) a;
  const CcEventStudyRow *rb = *(CcEventStudyRow * const *) b;

  if (ra->event_return > rb->event_return)
    return -1;
  if (ra->event_return < rb->event_return)
    return 1;
  return g_strcmp0 (ra->item, rb->item);
}

GPtrArray *
cc_event_study_rank (GPtrArray *rows)
{
  GPtrArray *ranked = g_ptr_array_new ();

  g_return_val_if_fail (rows != NULL, ranked);

  for (guint i = 0; i < rows->len; i++)
    {
      CcEventStudyRow *row = g_ptr_array_index (rows, i);

      if (row->has_return)
        g_ptr_array_add (ranked, row);
    }
  g_ptr_array_sort (ranked, compare_rows_by_return);
  return ranked;
}

static void
csv_number (GString    *out,
            gboolean    have,
            double      value,
            const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (have && isfinite (value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}

static const char * const window_keys[CC_EVENT_STUDY_N_WINDOWS] = {
  "0_0", "m1_p1", "0_p5", "0_p20",
};

char *
cc_event_study_to_csv (GPtrArray *rows,
                       CcDate     event_day)
{
  GString *out = g_string_new (NULL);
  char when[11];

  g_return_val_if_fail (rows != NULL, NULL);

  cc_date_format_iso (event_day, when);
  /* Column names are for scripts: stable, English, never translated. */
  g_string_append (out, "event_day,item,label,provenance,event_return_pct,abnormal_return_pct");
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    g_string_append_printf (out, ",car_%s_pct,t_%s", window_keys[w], window_keys[w]);
  g_string_append (out, ",alpha_pct,beta,sigma_pct,estimation_days,short_estimation,"
                       "no_model_reason,basket_weighting\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (rows, i);
      gboolean model = row->model.ok;

      g_string_append (out, when);
      g_string_append_c (out, ',');
      cc_csv_append_field (out, row->item);
      g_string_append_c (out, ',');
      cc_csv_append_field (out, row->label);
      g_string_append_c (out, ',');
      g_string_append (out, cc_provenance_to_string (row->provenance));
      csv_number (out, row->has_return, row->event_return * 100, "%.4f");
      csv_number (out, row->has_abnormal, row->abnormal_return * 100, "%.4f");
      for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          csv_number (out, row->has_car[w], row->car[w] * 100, "%.4f");
          csv_number (out, row->has_car[w] && isfinite (row->t_stat[w]), row->t_stat[w],
                      "%.3f");
        }
      csv_number (out, model, row->model.alpha * 100, "%.5f");
      csv_number (out, model, row->model.beta, "%.4f");
      csv_number (out, model, row->model.sigma * 100, "%.4f");
      g_string_append_printf (out, ",%u,%s,", row->is_market ? 0 : row->model.n,
                              row->short_estimation && !row->is_market ? "yes" : "no");
      cc_csv_append_field (out, row->model_problem ? row->model_problem : "");
      /* Baskets say how they are built, so a spreadsheet can redo them. */
      g_string_append_printf (out, ",%s\r\n", row->is_basket ? CC_BASKET_METHOD : "");
    }

  return g_string_free (out, FALSE);
}

static char *
text_percent (gboolean have,
              double   fraction)
{
  if (!have || !isfinite (fraction))
    return g_strdup ("n/a");
  return cc_format_return (fraction);
}

/* @text right-aligned in @width characters (not bytes: "−" is three). */
static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  for (int pad = width - (int) g_utf8_strlen (text, -1); pad > 0; pad--)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

char *
cc_event_study_to_text (GPtrArray *rows,
                        CcDate     event_day)
{
  GString *out = g_string_new (NULL);
  char when[11];

  g_return_val_if_fail (rows != NULL, NULL);

  cc_date_format_iso (event_day, when);
  g_string_append_printf (out, _("Event study for %s (market model against ^SOX)"), when);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%-30s %9s %9s %17s %17s %17s %6s %5s\n",
                          _("Item"), _("Day 0"), _("AR"), "CAR[-1,+1] (t)", "CAR[0,+5] (t)",
                          "CAR[0,+20] (t)", _("Beta"), _("Days"));
  for (guint i = 0; i < rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (rows, i);
      g_autofree char *ret = text_percent (row->has_return, row->event_return);
      g_autofree char *ar = text_percent (row->has_abnormal, row->abnormal_return);
      g_autofree char *beta = row->model.ok ? g_strdup_printf ("%.2f", row->model.beta)
                                            : g_strdup ("n/a");
      g_autofree char *marked = g_strdup_printf ("%s%s", row->label,
                                                 row->provenance != CC_PROVENANCE_OBSERVED
                                                 ? " †" : "");
      g_autofree char *label = g_utf8_substring (marked, 0,
                                                 MIN (30, g_utf8_strlen (marked, -1)));
      int pad = 30 - (int) g_utf8_strlen (label, -1);

      g_string_append_printf (out, "%s%*s ", label, pad, "");
      append_padded (out, ret, 9);
      g_string_append_c (out, ' ');
      append_padded (out, ar, 9);
      for (guint w = 1; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          g_autofree char *car = NULL;

          if (row->has_car[w] && !isfinite (row->t_stat[w]))
            /* A spread's CAR has no t-statistic (cc-derived.h). */
            car = cc_format_return (row->car[w]);
          else if (row->has_car[w])
            {
              g_autofree char *pct = cc_format_return (row->car[w]);
              g_autofree char *t = cc_format_t_stat (row->t_stat[w]);

              car = g_strdup_printf ("%s (%s)", pct, t);
            }
          else
            car = g_strdup ("n/a");
          g_string_append_c (out, ' ');
          append_padded (out, car, 17);
        }
      g_string_append_printf (out, " %6s %4u%s\n", beta, row->is_market ? 0 : row->model.n,
                              row->short_estimation && !row->is_market ? "*" : " ");
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (rows, i);

      if (row->model_problem != NULL && !row->is_market)
        /* TRANSLATORS: an item, then why it has no market model */
        g_string_append_printf (out, _("%s: no market model: %s\n"), row->label,
                                row->model_problem);
    }
  g_string_append_printf (out, "%s\n%s\n%s\n",
                          cc_basket_get_method_label (),
                          _("* estimated over fewer days than the full window, days -250 to "
                            "-11"),
                          _("† the day’s bars were rebuilt from the article’s figures "
                            "(anchored or reconstructed), not market data"));

  return g_string_free (out, FALSE);
}
