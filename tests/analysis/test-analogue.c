/* test-analogue.c: events lined up at day 0 on small series worked out by hand (paths, median,
 * quartiles, drawdowns, recovery days, the ends of the data, holidays), and the 2000, 2008 and
 * 2022 ^SOX declines aligned at their peaks on real daily closes (tests/data/history). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cc-analogue.h"
#include "cc-csv.h"
#include "cc-date.h"

#define EPS 1e-12

/* 2026-03-02 is a Monday; no NYSE holiday falls in the next four weeks. */
static const double closes[] = {
  100, 102, 100, 95, 90, 98, 101, 104, 100, 100,
  110, 99, 121, 110, 100, 88, 99, 100, 120, 130,
};

static CcDate
day_of (guint index)
{
  return cc_calendar_add_trading_days (cc_date_from_ymd (2026, 3, 2), (int) index);
}

static CcSeries *
make_series (void)
{
  CcSeries *s = cc_series_new ("MU", CC_LEVEL_PRICE);

  for (guint i = 0; i < G_N_ELEMENTS (closes); i++)
    cc_series_append (s, day_of (i), closes[i], CC_PROVENANCE_OBSERVED, 0);
  return s;
}

static double
value_at (const CcAnalogueSet *set,
          guint                e,
          int                  day)
{
  const CcAnaloguePath *path = g_ptr_array_index (set->paths, e);

  return path->value[day - set->window.first];
}

static void
test_window_parse (void)
{
  CcAnalogueWindow w = { 0, 0 };
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "-20", "0,+60", "-20,0", "-20,+251", "-251,+60", "a,b", "-20,+60,3",
                        "-20,+6x", "", ",", "--20,60", "20,60" };

  g_assert_true (cc_analogue_window_parse ("-20,+60", &w, NULL));
  g_assert_cmpint (w.first, ==, -20);
  g_assert_cmpint (w.last, ==, 60);
  g_assert_true (cc_analogue_window_parse (" -5 , 250 ", &w, NULL));
  g_assert_cmpint (w.first, ==, -5);
  g_assert_cmpint (w.last, ==, 250);
  g_assert_true (cc_analogue_window_parse ("\xe2\x88\x92" "10,+30", &w, NULL));
  g_assert_cmpint (w.first, ==, -10);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      w.first = 7;
      g_assert_false (cc_analogue_window_parse (bad[i], &w, &error));
      g_assert_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_WINDOW);
      g_assert_cmpint (w.first, ==, 7);
    }
  /* The message says what the limits are. */
  g_clear_error (&error);
  g_assert_false (cc_analogue_window_parse ("-20,+300", &w, &error));
  g_assert_nonnull (strstr (error->message, "+250"));
}

static void
test_quantile (void)
{
  const double v[] = { -0.12, -0.1, -0.05, 0.2 };

  /* h = (n - 1) p: 1.5, 0.75, 2.25 */
  g_assert_cmpfloat_with_epsilon (cc_analogue_quantile (v, 4, 0.5), -0.075, EPS);
  g_assert_cmpfloat_with_epsilon (cc_analogue_quantile (v, 4, 0.25), -0.105, EPS);
  g_assert_cmpfloat_with_epsilon (cc_analogue_quantile (v, 4, 0.75), 0.0125, EPS);
  g_assert_cmpfloat_with_epsilon (cc_analogue_quantile (v, 1, 0.75), -0.12, EPS);
  g_assert_true (isnan (cc_analogue_quantile (v, 0, 0.5)));
}

static void
test_paths (void)
{
  g_autoptr(CcSeries) s = make_series ();
  const CcDate dates[] = { day_of (3), day_of (11), day_of (15), day_of (18) };
  const char *labels[] = { "A", "B", "C", NULL };
  CcAnalogueWindow w = { -2, 3 };
  g_autoptr(CcAnalogueSet) set = NULL;
  const CcAnaloguePath *a, *b, *c, *d;
  g_autofree char *rec_a = NULL;
  g_autofree char *rec_d = NULL;
  g_autofree char *dd_a = NULL;
  g_autofree char *dd_d = NULL;

  set = cc_analogue_set_compute (s, s, "MU", dates, labels, 4, &w, CC_DATE_INVALID);
  g_assert_nonnull (set);
  g_assert_cmpuint (set->paths->len, ==, 4);
  a = g_ptr_array_index (set->paths, 0);
  b = g_ptr_array_index (set->paths, 1);
  c = g_ptr_array_index (set->paths, 2);
  d = g_ptr_array_index (set->paths, 3);
  g_assert_cmpstr (a->label, ==, "A");
  g_assert_cmpint (a->n_days, ==, 6);

  /* A: t-1 closes at 100; 102, 100 | 95, 90, 98, 101. */
  g_assert_true (a->has_base);
  g_assert_false (a->coarse);
  g_assert_cmpint (a->base_date, ==, day_of (2));
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, -2), 0.02, EPS);
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, -1), 0, EPS);
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 0), -0.05, EPS);
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 1), -0.10, EPS);
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 2), -0.02, EPS);
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 3), 0.01, EPS);
  g_assert_null (a->missing);
  g_assert_true (a->has_move);
  g_assert_cmpfloat_with_epsilon (a->move, -0.05, EPS);
  /* Lowest at t+1 (-10%), back at 100 on t+3 (101). */
  g_assert_cmpfloat_with_epsilon (a->drawdown, 0.10, EPS);
  g_assert_cmpint (a->drawdown_day, ==, 1);
  g_assert_cmpint (a->drawdown_date, ==, day_of (4));
  g_assert_true (a->recovered);
  g_assert_cmpint (a->recovery_day, ==, 3);
  g_assert_cmpint (a->recovery_date, ==, day_of (6));
  rec_a = cc_analogue_format_recovery (a);
  g_assert_cmpstr (rec_a, ==, "t+3");
  dd_a = cc_analogue_format_drawdown (a);
  g_assert_cmpstr (dd_a, ==, "\u221210.00% (t+1)");
  /* ^SOX against itself: plain returns over [0,0], [-1,+1], [0,+5], [0,+20]. */
  g_assert_true (a->car_is_return);
  g_assert_true (a->has_car[0]);
  g_assert_cmpfloat_with_epsilon (a->car[0], -0.05, EPS);
  g_assert_true (a->has_car[1]);
  g_assert_cmpfloat_with_epsilon (a->car[1], 90.0 / 102 - 1, EPS);
  g_assert_true (a->has_car[2]);
  g_assert_cmpfloat_with_epsilon (a->car[2], 100.0 / 100 - 1, EPS);   /* day 8 */
  g_assert_false (a->has_car[3]);                                      /* day 23: no data */

  /* B: base 110; deepest on day 0 (99, -10%) though t+3 (100) is low too; 121 on t+1. */
  g_assert_cmpfloat_with_epsilon (value_at (set, 1, -2), 100.0 / 110 - 1, EPS);
  g_assert_cmpfloat_with_epsilon (value_at (set, 1, 3), 100.0 / 110 - 1, EPS);
  g_assert_cmpfloat_with_epsilon (b->drawdown, 0.10, EPS);
  g_assert_cmpint (b->drawdown_day, ==, 0);
  g_assert_cmpint (b->recovery_day, ==, 1);

  /* C: base 100; 88 on day 0, back to 100 (equal counts as regained) on t+2. */
  g_assert_cmpfloat_with_epsilon (c->drawdown, 0.12, EPS);
  g_assert_cmpint (c->recovery_day, ==, 2);

  /* D: base 100, then 120, 130 and the data end: never below, two days missing. */
  g_assert_cmpstr (d->label, ==, "26 Mar 2026");
  g_assert_cmpint (d->n_values, ==, 4);
  g_assert_cmpint (d->last_day, ==, 1);
  g_assert_true (isnan (value_at (set, 3, 2)));
  g_assert_nonnull (d->missing);
  g_assert_nonnull (strstr (d->missing, "t+1"));
  g_assert_cmpfloat_with_epsilon (d->drawdown, 0, EPS);
  rec_d = cc_analogue_format_recovery (d);
  g_assert_cmpstr (rec_d, ==, "never below");
  dd_d = cc_analogue_format_drawdown (d);
  g_assert_cmpstr (dd_d, ==, "none");

  /* The band: four paths on day 0, three on t+2 and t+3 (D has ended). */
  g_assert_true (set->has_band);
  g_assert_cmpuint (set->count[0 - w.first], ==, 4);
  g_assert_cmpfloat_with_epsilon (set->median[0 - w.first], -0.075, EPS);
  g_assert_cmpfloat_with_epsilon (set->q1[0 - w.first], -0.105, EPS);
  g_assert_cmpfloat_with_epsilon (set->q3[0 - w.first], 0.0125, EPS);
  g_assert_cmpuint (set->count[2 - w.first], ==, 3);
  g_assert_cmpfloat_with_epsilon (set->median[2 - w.first], 0, EPS);
  g_assert_cmpfloat_with_epsilon (set->q1[2 - w.first], -0.01, EPS);
  g_assert_cmpfloat_with_epsilon (set->q3[2 - w.first], 0, EPS);
  g_assert_cmpfloat_with_epsilon (set->median[3 - w.first], 0.01, EPS);
  g_assert_cmpfloat_with_epsilon (set->q1[3 - w.first], (100.0 / 110 - 1 + 0.01) / 2, EPS);
  g_assert_cmpfloat_with_epsilon (set->q3[3 - w.first], (0.01 + 0.2) / 2, EPS);
  /* t-1 is 0 for every path, so the band closes there. */
  g_assert_cmpfloat_with_epsilon (set->median[-1 - w.first], 0, EPS);
  g_assert_cmpfloat_with_epsilon (set->q3[-1 - w.first], 0, EPS);
}

static void
test_two_events_no_band (void)
{
  g_autoptr(CcSeries) s = make_series ();
  const CcDate dates[] = { day_of (3), day_of (11) };
  CcAnalogueWindow w = { -2, 3 };
  g_autoptr(CcAnalogueSet) set = NULL;

  set = cc_analogue_set_compute (s, s, "MU", dates, NULL, 2, &w, CC_DATE_INVALID);
  g_assert_false (set->has_band);
  for (int k = 0; k < 6; k++)
    g_assert_true (isnan (set->median[k]) && isnan (set->q1[k]) && isnan (set->q3[k]));
  /* Without labels, the date names the event. */
  g_assert_cmpstr (((CcAnaloguePath *) g_ptr_array_index (set->paths, 0))->label, ==,
                   "5 Mar 2026");
}

static void
test_ends_of_data (void)
{
  g_autoptr(CcSeries) s = make_series ();
  const CcDate dates[] = { day_of (1), day_of (0), day_of (25), day_of (15) };
  CcAnalogueWindow w = { -2, 3 };
  g_autoptr(CcAnalogueSet) set = NULL;
  g_autoptr(CcAnalogueSet) cut = NULL;
  const CcAnaloguePath *p;
  g_autofree char *rec = NULL;

  set = cc_analogue_set_compute (s, s, "MU", dates, NULL, 4, &w, CC_DATE_INVALID);

  /* One day after the first close: t-2 is before the data; the lowest close in the window is
   * t+3 (90) and it is regained after the window, on t+5 (101). */
  p = g_ptr_array_index (set->paths, 0);
  g_assert_true (p->has_base);
  g_assert_true (isnan (value_at (set, 0, -2)));
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 0), 0.02, EPS);
  g_assert_cmpint (p->first_day, ==, -1);
  g_assert_nonnull (strstr (p->missing, "t-1"));
  g_assert_cmpfloat_with_epsilon (p->drawdown, 0.10, EPS);
  g_assert_cmpint (p->drawdown_day, ==, 3);
  g_assert_true (p->recovered);
  g_assert_cmpint (p->recovery_day, ==, 5);

  /* On the first close: nothing to rebase to. */
  p = g_ptr_array_index (set->paths, 1);
  g_assert_false (p->has_base);
  g_assert_cmpuint (p->n_values, ==, 0);
  g_assert_false (p->has_move);
  g_assert_nonnull (strstr (p->missing, "rebase"));

  /* After the last close. */
  p = g_ptr_array_index (set->paths, 2);
  g_assert_false (p->has_base);
  g_assert_nonnull (strstr (p->missing, "after the data"));
  g_assert_false (set->has_band);   /* two paths with a base */

  /* As of t+1 of the fourth event (99 < 100): not regained yet. */
  cut = cc_analogue_set_compute (s, s, "MU", &dates[3], NULL, 1, &w, day_of (16));
  p = g_ptr_array_index (cut->paths, 0);
  g_assert_cmpint (p->last_day, ==, 1);
  g_assert_false (p->recovered);
  rec = cc_analogue_format_recovery (p);
  g_assert_cmpstr (rec, ==, "not yet");
  g_assert_true (p->has_car[1]);    /* [-1,+1] ends on the as-of day */
  g_assert_false (p->has_car[2]);   /* [0,+5] ends after it */
}

static void
test_holidays (void)
{
  /* Independence Day 2026 is observed on Friday 3 July; an import's interpolated row on it is
   * no close and takes no place on the axis. */
  g_autoptr(CcSeries) s = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  CcDate dates[3];
  CcAnalogueWindow w = { -1, 2 };
  g_autoptr(CcAnalogueSet) set = NULL;
  const CcAnaloguePath *p;

  cc_series_append (s, cc_date_from_ymd (2026, 6, 29), 100, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2026, 6, 30), 100, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2026, 7, 1), 100, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2026, 7, 2), 90, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2026, 7, 3), 85, CC_PROVENANCE_OBSERVED,
                    CC_POINT_FLAG_NON_TRADING_DAY);
  cc_series_append (s, cc_date_from_ymd (2026, 7, 6), 80, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2026, 7, 7), 104, CC_PROVENANCE_RECONSTRUCTED, 0);
  cc_series_append (s, cc_date_from_ymd (2026, 7, 8), 95, CC_PROVENANCE_OBSERVED, 0);

  dates[0] = cc_date_from_ymd (2026, 7, 2);   /* Thursday */
  dates[1] = cc_date_from_ymd (2026, 7, 3);   /* the holiday: day 0 is Monday 6 July */
  dates[2] = cc_date_from_ymd (2026, 7, 4);   /* Saturday: the same */
  set = cc_analogue_set_compute (s, s, "^SOX", dates, NULL, 3, &w, CC_DATE_INVALID);

  p = g_ptr_array_index (set->paths, 0);
  g_assert_cmpint (p->day0, ==, dates[0]);
  g_assert_cmpuint (p->n_values, ==, 4);
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 0), -0.10, EPS);
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 1), -0.20, EPS);   /* 6 July, not 85 */
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, 2), 0.04, EPS);
  g_assert_cmpint (p->drawdown_day, ==, 1);
  g_assert_cmpint (p->drawdown_date, ==, cc_date_from_ymd (2026, 7, 6));
  g_assert_cmpint (p->recovery_day, ==, 2);
  g_assert_cmpint (p->least_certain, ==, CC_PROVENANCE_RECONSTRUCTED);
  g_assert_cmpint (p->provenance[2 - w.first], ==, CC_PROVENANCE_RECONSTRUCTED);

  for (guint e = 1; e < 3; e++)
    {
      p = g_ptr_array_index (set->paths, e);
      g_assert_cmpint (p->day0, ==, cc_date_from_ymd (2026, 7, 6));
      g_assert_cmpint (p->base_date, ==, cc_date_from_ymd (2026, 7, 2));
      g_assert_false (p->coarse);
      g_assert_cmpfloat_with_epsilon (value_at (set, e, -1), 0, EPS);
      g_assert_cmpfloat_with_epsilon (value_at (set, e, 0), 80.0 / 90 - 1, EPS);
      g_assert_cmpfloat_with_epsilon (value_at (set, e, 1), 104.0 / 90 - 1, EPS);
      g_assert_cmpfloat_with_epsilon (value_at (set, e, 2), 95.0 / 90 - 1, EPS);
      g_assert_cmpint (p->recovery_day, ==, 1);
    }
}

static void
test_month_end (void)
{
  /* Month-end closes only: the base is the last close before the event, said so; no day-0
   * move without the t-1 close. */
  g_autoptr(CcSeries) s = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  CcDate date = cc_date_from_ymd (2008, 9, 15);
  CcAnalogueWindow w = { -20, 60 };
  g_autoptr(CcAnalogueSet) set = NULL;
  const CcAnaloguePath *p;
  int x;

  cc_series_append (s, cc_date_from_ymd (2008, 7, 31), 340, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2008, 8, 29), 350, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2008, 9, 30), 280, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2008, 10, 31), 210, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2008, 11, 28), 190, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2008, 12, 31), 220, CC_PROVENANCE_OBSERVED, 0);
  set = cc_analogue_set_compute (s, s, "^SOX", &date, NULL, 1, &w, CC_DATE_INVALID);
  p = g_ptr_array_index (set->paths, 0);
  g_assert_true (p->has_base);
  g_assert_true (p->coarse);
  g_assert_cmpint (p->base_date, ==, cc_date_from_ymd (2008, 8, 29));
  g_assert_nonnull (strstr (p->missing, "month-end"));
  g_assert_false (p->has_move);
  x = cc_calendar_trading_days_between (date, cc_date_from_ymd (2008, 9, 30));
  g_assert_cmpfloat_with_epsilon (value_at (set, 0, x), 280.0 / 350 - 1, EPS);
  g_assert_cmpuint (p->n_values, ==, 4);   /* Aug .. Nov: 31 Dec is past t+60 */
  x = cc_calendar_trading_days_between (date, cc_date_from_ymd (2008, 11, 28));
  g_assert_cmpint (p->drawdown_day, ==, x);
  g_assert_cmpfloat_with_epsilon (p->drawdown, 1 - 190.0 / 350, EPS);
  g_assert_false (p->recovered);
}

static void
test_market_model (void)
{
  /* Against a different market the CARs are the event study's: with 17 days before the event
   * there is no model, and the reason is carried to the table. */
  g_autoptr(CcSeries) s = make_series ();
  g_autoptr(CcSeries) m = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  CcDate date = day_of (17);
  CcAnalogueWindow w = { -2, 2 };
  g_autoptr(CcAnalogueSet) set = NULL;
  const CcAnaloguePath *p;

  for (guint i = 0; i < G_N_ELEMENTS (closes); i++)
    cc_series_append (m, day_of (i), 1000 + i, CC_PROVENANCE_OBSERVED, 0);
  set = cc_analogue_set_compute (s, m, "MU", &date, NULL, 1, &w, CC_DATE_INVALID);
  p = g_ptr_array_index (set->paths, 0);
  g_assert_false (p->car_is_return);
  g_assert_false (p->has_car[0]);
  g_assert_nonnull (p->car_problem);
  g_assert_nonnull (strstr (p->car_problem, "estimation"));
  g_assert_true (p->has_move);
}

/* The ^SOX closes of the three episode files, read by the app's one CSV reader; the files'
 * interpolated rows fall on market holidays. */
static CcSeries *
load_episodes (void)
{
  const char *files[] = { "sox_episode_2000_2002.csv", "sox_episode_2007_2009.csv",
                          "sox_episode_2021_2022.csv" };
  CcSeries *sox = cc_series_new ("^SOX", CC_LEVEL_PRICE);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "history",
                                                     files[f], NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) read = NULL;
      gsize length;
      CcSeries *close = NULL;

      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      g_assert_no_error (error);
      read = cc_csv_parse (data, length, files[f], "^SOX", NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < read->len; i++)
        {
          CcSeries *one = g_ptr_array_index (read, i);

          if (g_ascii_strcasecmp (cc_series_get_symbol (one), "close") == 0 ||
              g_strcmp0 (cc_series_get_symbol (one), "^SOX") == 0)
            close = one;
        }
      g_assert_nonnull (close);
      cc_series_merge (sox, close);
    }
  return sox;
}

static const CcCycle *
find_cycle (GPtrArray  *cycles,
            const char *id)
{
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);

      if (g_strcmp0 (c->id, id) == 0)
        return c;
    }
  return NULL;
}

static void
test_real_episodes (void)
{
  g_autoptr(CcSeries) sox = load_episodes ();
  g_autoptr(GPtrArray) cycles = NULL;
  struct {
    const char *id;
    int py, pm, pd;
    double peak;
    int ty, tm, td;
    double trough;
    double depth;
  } facts[] = {
    { "2000", 2000, 3, 10, 1332.73, 2002, 10, 9, 214.06, 0.839 },
    { "2008", 2007, 7, 17, 546.59, 2008, 11, 20, 171.32, 0.687 },
    { "2022", 2021, 12, 27, 4039.51, 2022, 10, 14, 2162.32, 0.465 },
  };

  cycles = cc_analogue_cycles (sox, NULL, cc_date_from_ymd (2023, 3, 31), 250);
  for (guint f = 0; f < G_N_ELEMENTS (facts); f++)
    {
      const CcCycle *c = find_cycle (cycles, facts[f].id);
      CcDate trough_date = cc_date_from_ymd (facts[f].ty, facts[f].tm, facts[f].td);
      double low = 0;
      guint at_trough = 0;

      g_test_message ("episode %s", facts[f].id);
      g_assert_nonnull (c);
      g_assert_false (c->monthly);   /* daily closes were there */
      g_assert_cmpint (c->peak_date, ==, cc_date_from_ymd (facts[f].py, facts[f].pm,
                                                          facts[f].pd));
      g_assert_cmpfloat_with_epsilon (c->peak_close, facts[f].peak, 0.006);
      g_assert_cmpint (c->trough_date, ==, trough_date);
      g_assert_cmpfloat_with_epsilon (c->trough_close, facts[f].trough, 0.006);
      g_assert_cmpfloat_with_epsilon (round (c->depth * 1000) / 1000, facts[f].depth, 1e-9);
      g_assert_cmpint (c->days_to_trough, ==,
                       cc_calendar_trading_days_between (c->peak_date, trough_date));
      /* The path: x in trading days since the peak, one point a session, none on a holiday,
       * its lowest point the trough. */
      g_assert_cmpint (g_array_index (c->path, CcCyclePoint, 0).x, ==, 0);
      g_assert_cmpfloat_with_epsilon (g_array_index (c->path, CcCyclePoint, 0).drawdown, 0, EPS);
      for (guint i = 0; i < c->path->len; i++)
        {
          const CcCyclePoint *p = &g_array_index (c->path, CcCyclePoint, i);

          g_assert_true (cc_calendar_is_trading_day (p->date));
          g_assert_cmpint (p->x, ==, (int) i);
          if (p->drawdown < low)
            low = p->drawdown;
          if (p->date == trough_date)
            at_trough = i;
        }
      g_assert_cmpfloat_with_epsilon (low, -c->depth, EPS);
      g_assert_cmpint ((int) at_trough, ==, c->days_to_trough);
      /* 250 sessions after the trough, or the end of the file. */
      g_assert_cmpint (g_array_index (c->path, CcCyclePoint, c->path->len - 1).x, <=,
                       c->days_to_trough + 250);
    }
}

static void
test_monthly_fallback (void)
{
  /* Without the daily closes of an episode, its path is the month-end one, and says so. */
  g_autoptr(CcSeries) daily = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) monthly = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  g_autoptr(GPtrArray) cycles = NULL;
  const CcCycle *c;
  CcDate d = cc_date_from_ymd (2026, 1, 2);

  for (int y = 2000; y <= 2025; y++)
    for (int m = 1; m <= 12; m++)
      cc_series_append (monthly, cc_calendar_trading_day_on_or_before (
                          cc_date_from_ymd (y, m, cc_date_days_in_month (y, m))),
                        1000 + y - 2000, CC_PROVENANCE_OBSERVED, 0);
  for (int i = 0; i < 60; i++, d = cc_calendar_next_trading_day (d))
    cc_series_append (daily, d, i < 30 ? 100 + i : 158 - i, CC_PROVENANCE_OBSERVED, 0);

  cycles = cc_analogue_cycles (daily, monthly, CC_DATE_INVALID, 250);
  g_assert_cmpuint (cycles->len, ==, 4);
  c = find_cycle (cycles, "2000");
  g_assert_true (c->monthly);
  g_assert_cmpfloat_with_epsilon (c->depth, 1 - 214.06 / 1332.73, 1e-9);
  c = find_cycle (cycles, "current");
  g_assert_true (c->is_current);
  g_assert_false (c->monthly);
  g_assert_cmpfloat_with_epsilon (c->peak_close, 129, EPS);
  g_assert_cmpfloat_with_epsilon (c->depth, 1 - 99.0 / 129, EPS);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analogue/window-parse", test_window_parse);
  g_test_add_func ("/analogue/quantile", test_quantile);
  g_test_add_func ("/analogue/paths", test_paths);
  g_test_add_func ("/analogue/two-events-no-band", test_two_events_no_band);
  g_test_add_func ("/analogue/ends-of-data", test_ends_of_data);
  g_test_add_func ("/analogue/holidays", test_holidays);
  g_test_add_func ("/analogue/month-end", test_month_end);
  g_test_add_func ("/analogue/market-model", test_market_model);
  g_test_add_func ("/analogue/real-episodes", test_real_episodes);
  g_test_add_func ("/analogue/monthly-fallback", test_monthly_fallback);

  return g_test_run ();
}
