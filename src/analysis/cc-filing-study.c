/* cc-filing-study.c: the event study over a company's filings. */
#define G_LOG_DOMAIN "cc-filing-study"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-analysis.h"
#include "cc-catalogue.h"
#include "cc-data-error.h"
#include "cc-filing-study.h"
#include "cc-json-builder.h"

static void
filing_event_free (CcFilingEvent *event)
{
  g_free (event->accession);
  g_free (event->form);
  g_free (event->items);
  g_free (event->time_source);
  g_clear_pointer (&event->row, cc_event_study_row_free);
  g_free (event);
}

void
cc_filing_study_free (CcFilingStudy *study)
{
  if (study == NULL)
    return;
  g_free (study->symbol);
  g_clear_pointer (&study->events, g_ptr_array_unref);
  g_free (study);
}

gboolean
cc_filing_study_average (const double *values,
                         guint         n,
                         double       *mean,
                         double       *t_stat)
{
  double sum = 0, ss = 0, m;

  *mean = NAN;
  *t_stat = NAN;
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    sum += values[i];
  m = sum / n;
  *mean = m;
  if (n < 2)
    return TRUE;
  for (guint i = 0; i < n; i++)
    ss += (values[i] - m) * (values[i] - m);
  /* All CARs equal: no spread to measure the mean against. */
  if (ss > 0)
    *t_stat = m / (sqrt (ss / (n - 1)) / sqrt ((double) n));
  return TRUE;
}

CcFilingStudy *
cc_filing_study_new (CcDataset  *dataset,
                     const char *symbol,
                     GPtrArray  *filings,
                     guint       last,
                     CcDate      as_of,
                     GError    **error)
{
  g_autoptr(CcFilingStudy) study = g_new0 (CcFilingStudy, 1);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  CcSeries *series, *market;
  CcEventStudyOptions options;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (symbol != NULL && filings != NULL, NULL);

  series = cc_dataset_get_series (dataset, symbol);
  market = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  if (series == NULL || cc_series_get_n_points (series) == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("there are no prices of %s to study its filings with"), symbol);
      return NULL;
    }
  if (market == NULL || cc_series_get_n_points (market) == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("there is no ^SOX series to measure against"));
      return NULL;
    }

  study->symbol = g_strdup (symbol);
  study->as_of = as_of;
  study->events = g_ptr_array_new_with_free_func ((GDestroyNotify) filing_event_free);

  /* Newest first, one filing per event day, until @last days are found. */
  for (guint i = filings->len; i > 0; i--)
    {
      CcEdgarFiling *filing = g_ptr_array_index (filings, i - 1);
      gboolean seen = FALSE;

      if (filing->event_day == CC_DATE_INVALID)
        continue;
      for (guint j = 0; j < chosen->len && !seen; j++)
        seen = ((CcEdgarFiling *) g_ptr_array_index (chosen, j))->event_day == filing->event_day;
      if (seen)
        continue;
      if (last > 0 && chosen->len == last)
        break;
      g_ptr_array_add (chosen, filing);
    }

  cc_event_study_options_init_default (&options);
  for (guint i = chosen->len; i > 0; i--)
    {
      CcEdgarFiling *filing = g_ptr_array_index (chosen, i - 1);
      CcFilingEvent *event = g_new0 (CcFilingEvent, 1);

      event->event_day = filing->event_day;
      event->intraday = filing->intraday;
      event->filing_date = filing->filing_date;
      event->accession = g_strdup (filing->accession);
      event->form = g_strdup (filing->form);
      event->items = g_strjoinv (" ", filing->items);
      event->time_source = g_strdup (cc_edgar_time_source_to_string (filing->time_source));
      event->row = cc_event_study_row_compute (series, market, filing->event_day, as_of,
                                               &options);
      g_free (event->row->label);
      event->row->label = g_strdup (symbol);
      g_ptr_array_add (study->events, event);
    }

  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      g_autofree double *cars = g_new (double, study->events->len + 1);
      guint n = 0;

      for (guint i = 0; i < study->events->len; i++)
        {
          CcFilingEvent *event = g_ptr_array_index (study->events, i);

          if (event->row->has_car[w])
            cars[n++] = event->row->car[w];
        }
      study->n[w] = n;
      cc_filing_study_average (cars, n, &study->mean_car[w], &study->t_stat[w]);
    }
  return g_steal_pointer (&study);
}

static char *
percent_or_na (gboolean have,
               double   fraction)
{
  if (!have || !isfinite (fraction))
    return g_strdup ("n/a");
  return g_strdup_printf ("%+.2f%%", fraction * 100);
}

char *
cc_filing_study_to_text (CcFilingStudy *study)
{
  GString *out = g_string_new (NULL);
  char when[11];

  g_return_val_if_fail (study != NULL, NULL);

  cc_date_format_iso (study->as_of, when);
  /* TRANSLATORS: a ticker, the number of filings, the as-of date */
  g_string_append_printf (out, _("Event study over %u filings of %s (market model against "
                                 "^SOX, data up to %s)"), study->events->len, study->symbol,
                          when);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%-14s %-8s %9s %9s", _("Window"), _("Events"), _("Mean CAR"),
                          _("t"));
  g_string_append_c (out, '\n');
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      const CcEventWindow *win = &cc_event_study_windows[w];
      g_autofree char *name = g_strdup_printf ("CAR[%+d,%+d]", win->first, win->last);
      g_autofree char *mean = percent_or_na (study->n[w] > 0, study->mean_car[w]);
      g_autofree char *t = isfinite (study->t_stat[w]) ? g_strdup_printf ("%+.2f",
                                                                         study->t_stat[w])
                                                       : g_strdup ("n/a");

      g_string_append_printf (out, "%-14s %-8u %9s %9s\n", name, study->n[w], mean, t);
    }
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%-10s %-6s %-10s %-20s %9s %9s %10s %10s %10s\n",
                          _("Event day"), _("Form"), _("Items"), _("Accession"), _("Day 0"),
                          _("AR"), "CAR[-1,+1]", "CAR[0,+5]", "CAR[0,+20]");
  for (guint i = 0; i < study->events->len; i++)
    {
      CcFilingEvent *event = g_ptr_array_index (study->events, i);
      const CcEventStudyRow *row = event->row;
      g_autofree char *ret = percent_or_na (row->has_return, row->event_return);
      g_autofree char *ar = percent_or_na (row->has_abnormal, row->abnormal_return);
      char day[11];

      cc_date_format_iso (event->event_day, day);
      g_string_append_printf (out, "%-10s %-6s %-10s %-20s %9s %9s", day, event->form,
                              event->items, event->accession, ret, ar);
      for (guint w = 1; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          g_autofree char *car = percent_or_na (row->has_car[w], row->car[w]);

          g_string_append_printf (out, " %10s", car);
        }
      g_string_append_printf (out, "%s%s\n", event->intraday ? _(" (intraday)") : "",
                              row->provenance != CC_PROVENANCE_OBSERVED ? " †" : "");
      if (row->model_problem != NULL)
        /* TRANSLATORS: an event day, then why it has no market model */
        g_string_append_printf (out, _("  %s: no market model: %s\n"), day, row->model_problem);
    }
  g_string_append_printf (out, "%s\n%s\n",
                          _("t: the mean CAR over its standard error across the events "
                            "(cross-sectional)"),
                          _("† the day’s bars were rebuilt from the article’s figures "
                            "(anchored or reconstructed), not market data"));
  return g_string_free (out, FALSE);
}

JsonNode *
cc_filing_study_to_json (CcFilingStudy *study)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  g_return_val_if_fail (study != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "symbol");
  json_builder_add_string_value (b, study->symbol);
  json_builder_set_member_name (b, "market");
  json_builder_add_string_value (b, CC_SYMBOL_SOX);
  cc_json_add_date (b, "as_of", study->as_of);
  json_builder_set_member_name (b, "t_statistic");
  json_builder_add_string_value (b, "cross-sectional");
  json_builder_set_member_name (b, "windows");
  json_builder_begin_array (b);
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "first");
      json_builder_add_int_value (b, cc_event_study_windows[w].first);
      json_builder_set_member_name (b, "last");
      json_builder_add_int_value (b, cc_event_study_windows[w].last);
      json_builder_set_member_name (b, "events");
      json_builder_add_int_value (b, study->n[w]);
      cc_json_add_number (b, "mean_car", study->n[w] > 0, study->mean_car[w]);
      cc_json_add_number (b, "t", TRUE, study->t_stat[w]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < study->events->len; i++)
    {
      CcFilingEvent *event = g_ptr_array_index (study->events, i);
      const CcEventStudyRow *row = event->row;

      json_builder_begin_object (b);
      cc_json_add_date (b, "event_day", event->event_day);
      json_builder_set_member_name (b, "intraday");
      json_builder_add_boolean_value (b, event->intraday);
      cc_json_add_date (b, "filing_date", event->filing_date);
      json_builder_set_member_name (b, "form");
      json_builder_add_string_value (b, event->form);
      json_builder_set_member_name (b, "items");
      json_builder_add_string_value (b, event->items);
      json_builder_set_member_name (b, "accession");
      json_builder_add_string_value (b, event->accession);
      json_builder_set_member_name (b, "time_source");
      json_builder_add_string_value (b, event->time_source);
      cc_json_add_number (b, "return", row->has_return, row->event_return);
      cc_json_add_number (b, "abnormal_return", row->has_abnormal, row->abnormal_return);
      cc_json_add_number (b, "beta", row->model.ok, row->model.beta);
      json_builder_set_member_name (b, "estimation_days");
      json_builder_add_int_value (b, row->model.n);
      json_builder_set_member_name (b, "cars");
      json_builder_begin_array (b);
      for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          json_builder_begin_object (b);
          cc_json_add_number (b, "car", row->has_car[w], row->car[w]);
          cc_json_add_number (b, "t", row->has_car[w], row->t_stat[w]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "provenance");
      json_builder_add_string_value (b, cc_provenance_to_string (row->provenance));
      json_builder_set_member_name (b, "model_problem");
      if (row->model_problem != NULL)
        json_builder_add_string_value (b, row->model_problem);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
