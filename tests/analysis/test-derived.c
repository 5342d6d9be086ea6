/* test-derived.c: ratio and spread items: the grammar, hand-computed values across a holiday
 * and a gap in one side, provenance combinations, bad input, and on the bundled data the
 * memory-minus-GPU spread of 1 July 2026 against the baskets' own moves and the assessment. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cc-analogue.h"
#include "cc-assessment.h"
#include "cc-bundled-dataset.h"
#include "cc-derived.h"
#include "cc-event-study.h"
#include "cc-rebase.h"

#define D(y, m, d) cc_date_from_ymd (y, m, d)
#define O CC_PROVENANCE_OBSERVED
#define A CC_PROVENANCE_ANCHORED
#define R CC_PROVENANCE_RECONSTRUCTED

static void
check_parse (const char    *text,
             CcDerivedKind  want_kind,
             const char    *want_a,
             const char    *want_b)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GError) error = NULL;
  CcDerivedKind kind = cc_derived_parse (text, &a, &b, &error);

  g_test_message ("%s", text);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, want_kind);
  g_assert_cmpstr (a, ==, want_a);
  g_assert_cmpstr (b, ==, want_b);
}

static void
check_refused (const char *text,
               int         code,
               const char *in_message)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GError) error = NULL;
  CcDerivedKind kind = cc_derived_parse (text, &a, &b, &error);

  g_test_message ("%s -> %s", text, error ? error->message : "(accepted)");
  g_assert_cmpint (kind, ==, CC_DERIVED_NONE);
  g_assert_error (error, CC_DERIVED_ERROR, code);
  g_assert_nonnull (strstr (error->message, in_message));
  g_assert_null (a);
  g_assert_null (b);
}

static void
test_grammar (void)
{
  check_parse ("basket:memory/basket:gpu", CC_DERIVED_RATIO, "basket:memory", "basket:gpu");
  check_parse ("MU/^SOX", CC_DERIVED_RATIO, "MU", "^SOX");
  check_parse (" mu / ^sox ", CC_DERIVED_RATIO, "MU", "^SOX");
  check_parse ("BRK.B/SPY", CC_DERIVED_RATIO, "BRK.B", "SPY");
  check_parse ("BRK-B/SPY", CC_DERIVED_RATIO, "BRK-B", "SPY");
  check_parse ("basket:memory-basket:gpu", CC_DERIVED_SPREAD, "basket:memory", "basket:gpu");
  check_parse ("Basket:Memory-Basket:GPU", CC_DERIVED_SPREAD, "basket:memory", "basket:gpu");
  check_parse ("MU-^SOX", CC_DERIVED_SPREAD, "MU", "^SOX");
  check_parse ("basket:equipment-^SOX", CC_DERIVED_SPREAD, "basket:equipment", "^SOX");
  check_parse ("basket:memory-NVDA", CC_DERIVED_SPREAD, "basket:memory", "NVDA");
  check_parse ("MU - NVDA", CC_DERIVED_SPREAD, "MU", "NVDA");
  check_parse ("BRK-B - SPY", CC_DERIVED_SPREAD, "BRK-B", "SPY");
  check_parse ("SPY -BRK-B", CC_DERIVED_SPREAD, "SPY", "BRK-B");
  /* One item each: a ticker with a hyphen or a dot, a basket, an index. */
  check_parse ("BRK-B", CC_DERIVED_NONE, NULL, NULL);
  check_parse ("BRK.B", CC_DERIVED_NONE, NULL, NULL);
  check_parse ("basket:memory", CC_DERIVED_NONE, NULL, NULL);
  check_parse ("^SOX", CC_DERIVED_NONE, NULL, NULL);

  check_refused ("MU/MU", CC_DERIVED_ERROR_SAME_SIDE, "MU");
  check_refused ("mu - MU", CC_DERIVED_ERROR_SAME_SIDE, "itself");
  check_refused ("basket:gpu-basket:GPU", CC_DERIVED_ERROR_SAME_SIDE, "basket:gpu");
  check_refused ("MU/", CC_DERIVED_ERROR_SYNTAX, "empty side");
  check_refused ("/MU", CC_DERIVED_ERROR_SYNTAX, "empty side");
  check_refused ("MU - ", CC_DERIVED_ERROR_SYNTAX, "empty side");
  check_refused ("MU/NVDA/AMD", CC_DERIVED_ERROR_SYNTAX, "more than two");
  check_refused ("MU - NVDA - AMD", CC_DERIVED_ERROR_SYNTAX, "more than two");
  check_refused ("basket:memory-basket:gpu/^SOX", CC_DERIVED_ERROR_PERCENT_ONLY,
                 "percentage points");
  check_refused ("^SOX/MU - NVDA", CC_DERIVED_ERROR_PERCENT_ONLY, "percentage points");
  check_refused ("MU/NO WAY", CC_DERIVED_ERROR_SYNTAX, "neither a ticker");
  check_refused ("basket:/MU", CC_DERIVED_ERROR_SYNTAX, "neither a ticker");

  {
    g_autofree char *n1 = cc_derived_normalize ("basket:memory-basket:gpu", NULL);
    g_autofree char *n2 = cc_derived_normalize ("mu/^sox", NULL);
    g_autofree char *n3 = cc_derived_normalize ("BRK-B", NULL);
    g_autofree char *n4 = cc_derived_normalize (n1, NULL);

    /* The canonical form reads back as itself. */
    g_assert_cmpstr (n1, ==, "basket:memory - basket:gpu");
    g_assert_cmpstr (n2, ==, "MU/^SOX");
    g_assert_cmpstr (n3, ==, "BRK-B");
    g_assert_cmpstr (n4, ==, n1);
  }
  for (guint i = 0; i < cc_derived_n_presets; i++)
    {
      g_autofree char *n = cc_derived_normalize (cc_derived_presets[i].item, NULL);

      g_assert_cmpstr (n, ==, cc_derived_presets[i].item);
      g_assert_cmpint (cc_derived_get_kind (n), ==, CC_DERIVED_SPREAD);
    }
  g_assert_cmpint (cc_derived_get_kind ("BRK-B"), ==, CC_DERIVED_NONE);
  g_assert_cmpint (cc_derived_get_kind ("MU/MU"), ==, CC_DERIVED_NONE);
  g_assert_cmpint (cc_derived_get_kind ("MU/^SOX"), ==, CC_DERIVED_RATIO);
  g_assert_cmpint (cc_derived_get_kind ("MU - ^SOX"), ==, CC_DERIVED_SPREAD);
}

static CcSeries *
series_new (const char   *symbol,
            const CcDate *dates,
            const double *closes,
            const guint8 *prov,
            guint         n)
{
  CcSeries *s = cc_series_new (symbol, CC_LEVEL_PRICE);

  for (guint i = 0; i < n; i++)
    g_assert_true (cc_series_append (s, dates[i], closes[i], prov[i], 0));
  return s;
}

/* A: 30 Jun, 1, 2, 6 and 7 Jul 2026 (3 Jul is a holiday, 4-5 a weekend); B has no 2 Jul. */
static CcDataset *
hand_dataset (double b_close_jul6)
{
  CcDate da[] = { D (2026, 6, 30), D (2026, 7, 1), D (2026, 7, 2), D (2026, 7, 6),
                  D (2026, 7, 7) };
  double ca[] = { 100, 110, 99, 121, 88 };
  guint8 pa[] = { O, O, A, R, A };
  CcDate db[] = { D (2026, 6, 30), D (2026, 7, 1), D (2026, 7, 6), D (2026, 7, 7) };
  double cb[] = { 50, 40, b_close_jul6, 45 };
  guint8 pb[] = { O, A, O, R };
  CcDataset *dataset = cc_dataset_new ();
  g_autoptr(CcSeries) a = series_new ("MU", da, ca, pa, G_N_ELEMENTS (da));
  g_autoptr(CcSeries) b = series_new ("NVDA", db, cb, pb, G_N_ELEMENTS (db));

  g_assert_false (cc_calendar_is_trading_day (D (2026, 7, 3)));
  cc_dataset_set_series (dataset, a);
  cc_dataset_set_series (dataset, b);
  return dataset;
}

static void
check_point (CcSeries    *s,
             guint        index,
             CcDate       date,
             double       value,
             CcProvenance provenance)
{
  const CcPoint *p = cc_series_get_point (s, index);

  g_assert_cmpint (p->date, ==, date);
  g_assert_cmpfloat_with_epsilon (p->close, value, 1e-12);
  g_assert_cmpint (p->provenance, ==, provenance);
}

static void
test_ratio_by_hand (void)
{
  g_autoptr(CcDataset) dataset = hand_dataset (55);
  g_autoptr(GError) error = NULL;
  guint unmatched = 99;
  g_autoptr(CcSeries) ratio = cc_derived_series_new (dataset, "mu/nvda", D (2026, 6, 30),
                                                     D (2026, 6, 1), D (2026, 7, 31),
                                                     &unmatched, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cc_series_get_symbol (ratio), ==, "MU/NVDA");
  g_assert_cmpstr (cc_series_get_name (ratio), ==, "MU / NVDA");
  /* 2 Jul: MU only, so no point and one unmatched day. */
  g_assert_cmpuint (unmatched, ==, 1);
  g_assert_cmpuint (cc_series_get_n_points (ratio), ==, 4);
  /* Growth factors since 30 Jun: MU 1, 1.1, (0.99), 1.21, 0.88; NVDA 1, 0.8, 1.1, 0.9. */
  check_point (ratio, 0, D (2026, 6, 30), 1.0, O);          /* observed, observed */
  check_point (ratio, 1, D (2026, 7, 1), 1.1 / 0.8, A);     /* 1.375: observed, anchored */
  check_point (ratio, 2, D (2026, 7, 6), 1.21 / 1.1, R);    /* 1.1: reconstructed, observed */
  check_point (ratio, 3, D (2026, 7, 7), 0.88 / 0.9, R);    /* anchored, reconstructed */
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (ratio, 1)->close, 1.375, 1e-12);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (ratio, 2)->close, 1.1, 1e-12);
}

static void
test_spread_by_hand (void)
{
  g_autoptr(CcDataset) dataset = hand_dataset (55);
  g_autoptr(GError) error = NULL;
  guint unmatched = 99;
  g_autoptr(CcSeries) spread = cc_derived_series_new (dataset, "MU - NVDA", D (2026, 6, 30),
                                                      D (2026, 6, 1), D (2026, 7, 31),
                                                      &unmatched, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cc_series_get_symbol (spread), ==, "MU - NVDA");
  g_assert_cmpuint (unmatched, ==, 1);
  g_assert_cmpuint (cc_series_get_n_points (spread), ==, 4);
  /* Returns since 30 Jun: MU 0, +10%, +21%, -12%; NVDA 0, -20%, +10%, -10%. */
  check_point (spread, 0, D (2026, 6, 30), 0, O);
  check_point (spread, 1, D (2026, 7, 1), 30, A);
  check_point (spread, 2, D (2026, 7, 6), 11, R);
  check_point (spread, 3, D (2026, 7, 7), -2, R);

  /* Based on 1 Jul instead: MU +0%, -10%, +10%, -20%; NVDA 0, +37.5%, +12.5%. */
  {
    g_autoptr(CcSeries) later = cc_derived_series_new (dataset, "MU - NVDA", D (2026, 7, 1),
                                                       D (2026, 7, 1), D (2026, 7, 31), NULL,
                                                       &error);

    g_assert_no_error (error);
    g_assert_cmpuint (cc_series_get_n_points (later), ==, 3);
    check_point (later, 0, D (2026, 7, 1), 0, A);
    check_point (later, 1, D (2026, 7, 6), (121.0 / 110 - 1 - (55.0 / 40 - 1)) * 100, R);
    check_point (later, 2, D (2026, 7, 7), (88.0 / 110 - 1 - (45.0 / 40 - 1)) * 100, R);
  }
}

static void
test_provenance_combinations (void)
{
  static const guint8 provs[] = { O, A, R };

  for (guint i = 0; i < G_N_ELEMENTS (provs); i++)
    for (guint j = 0; j < G_N_ELEMENTS (provs); j++)
      {
        CcDate d[] = { D (2026, 6, 30) };
        double c[] = { 1.0 };
        g_autoptr(CcSeries) a = series_new ("A", d, c, &provs[i], 1);
        g_autoptr(CcSeries) b = series_new ("B", d, c, &provs[j], 1);
        g_autoptr(CcSeries) r = cc_derived_combine ("A/B", CC_DERIVED_RATIO, a, b, NULL, NULL);

        /* Observed only when both are; otherwise the less certain of the two. */
        g_assert_cmpint (cc_series_get_point (r, 0)->provenance, ==, MAX (provs[i], provs[j]));
        g_assert_cmpint (cc_series_get_point (r, 0)->provenance == O, ==,
                         provs[i] == O && provs[j] == O);
      }
}

static void
test_bad_input (void)
{
  g_autoptr(CcDataset) dataset = hand_dataset (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) s = NULL;

  /* NVDA closes at 0 on 6 Jul: the ratio is undefined there, and the message says where. */
  s = cc_derived_series_new (dataset, "MU/NVDA", D (2026, 6, 30), D (2026, 6, 1),
                             D (2026, 7, 31), NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_ZERO_LEVEL);
  g_assert_nonnull (strstr (error->message, "NVDA"));
  g_assert_nonnull (strstr (error->message, "2026-07-06"));
  g_clear_error (&error);

  /* The spread of the same data is defined: returns need no division by B's level. */
  s = cc_derived_series_new (dataset, "MU - NVDA", D (2026, 6, 30), D (2026, 6, 1),
                             D (2026, 7, 31), NULL, &error);
  g_assert_no_error (error);
  check_point (s, 2, D (2026, 7, 6), 121, R);
  g_clear_object (&s);

  s = cc_derived_series_new (dataset, "MU/AMD", D (2026, 6, 30), D (2026, 6, 1),
                             D (2026, 7, 31), NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_UNKNOWN_SIDE);
  g_assert_nonnull (strstr (error->message, "MU/AMD"));
  g_assert_nonnull (strstr (error->message, "AMD"));
  g_clear_error (&error);

  s = cc_derived_series_new (dataset, "basket:nosuch - MU", D (2026, 6, 30), D (2026, 6, 1),
                             D (2026, 7, 31), NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_UNKNOWN_SIDE);
  g_assert_nonnull (strstr (error->message, "basket:nosuch"));
  g_clear_error (&error);

  s = cc_derived_series_new (dataset, "MU/MU", D (2026, 6, 30), D (2026, 6, 1),
                             D (2026, 7, 31), NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SAME_SIDE);
  g_clear_error (&error);

  /* No day in common in the range: an error, not an empty series. */
  s = cc_derived_series_new (dataset, "MU/NVDA", D (2026, 6, 30), D (2026, 7, 2),
                             D (2026, 7, 2), NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_NO_OVERLAP);
}

static void
test_study_rows (void)
{
  g_autoptr(CcDataset) dataset = hand_dataset (55);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEventStudyRow) spread = NULL;
  g_autoptr(CcEventStudyRow) ratio = NULL;

  spread = cc_derived_study_row (dataset, "MU -NVDA", D (2026, 7, 1), D (2026, 7, 31), &error);
  g_assert_no_error (error);
  g_assert_true (spread->is_derived);
  g_assert_cmpstr (spread->item, ==, "MU - NVDA");
  /* Day 0: MU +10%, NVDA -20%: the spread moved +30 points, its own abnormal return. */
  g_assert_true (spread->has_return);
  g_assert_cmpfloat_with_epsilon (spread->event_return, 0.30, 1e-15);
  g_assert_true (spread->has_abnormal);
  g_assert_cmpfloat (spread->abnormal_return, ==, spread->event_return);
  g_assert_cmpint (spread->provenance, ==, A);
  g_assert_nonnull (spread->model_problem);
  /* Day +1 (2 Jul): NVDA has no close, so no move; [-1, +1] needs it. */
  g_assert_false (spread->has_path[1 - CC_EVENT_STUDY_PATH_FIRST]);
  g_assert_false (spread->has_car[1]);
  g_assert_true (spread->has_car[0]);
  g_assert_cmpfloat (spread->car[0], ==, spread->event_return);

  ratio = cc_derived_study_row (dataset, "MU/NVDA", D (2026, 7, 1), D (2026, 7, 31), &error);
  g_assert_no_error (error);
  /* A/B went from 2 to 2.75: +37.5%, with no market model. */
  g_assert_cmpfloat_with_epsilon (ratio->event_return, 0.375, 1e-15);
  g_assert_false (ratio->has_abnormal);
  g_assert_nonnull (ratio->model_problem);
}

/* The acceptance figure: memory minus GPU designers on 1 July 2026. */
static void
test_bundled_memory_minus_gpu (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  CcDate day0 = D (2026, 7, 1), base = D (2026, 6, 30);
  g_autoptr(CcSeries) mem = NULL;
  g_autoptr(CcSeries) gpu = NULL;
  g_autoptr(CcSeries) spread = NULL;
  g_autoptr(CcEventStudyRow) row = NULL;
  g_autoptr(CcAssessment) assessment = NULL;
  double m, g, chart_value;
  const CcIndicator *ind;

  g_assert_no_error (error);
  mem = cc_group_basket_new_full (dataset, "memory", G_MAXINT32 - 1, &error);
  g_assert_no_error (error);
  gpu = cc_group_basket_new_full (dataset, "gpu", G_MAXINT32 - 1, &error);
  g_assert_no_error (error);
  g_assert_true (cc_daily_return (mem, day0, &m));
  g_assert_true (cc_daily_return (gpu, day0, &g));

  /* The chart's series, based on the close before the event. */
  spread = cc_derived_series_new (dataset, "basket:memory-basket:gpu", base, base,
                                  D (2026, 10, 5), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_series_get_point (spread, 1)->date, ==, day0);
  chart_value = cc_series_get_point (spread, 1)->close;
  g_test_message ("memory %.15f%%, GPU %.15f%%, spread %.15f points", m * 100, g * 100,
                  chart_value);
  g_assert_cmpfloat (chart_value, ==, (m - g) * 100);

  row = cc_derived_study_row (dataset, "basket:memory - basket:gpu", day0, D (2026, 10, 5),
                              &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (row->event_return, ==, m - g);
  g_assert_cmpfloat (row->abnormal_return, ==, m - g);

  assessment = cc_assessment_evaluate (dataset, NULL, D (2026, 7, 1));
  ind = &assessment->indicators.values[CC_INDICATOR_MEMORY_MINUS_GPU_EVENT];
  g_assert_true (ind->available);
  g_assert_cmpfloat (ind->value, ==, chart_value);
  /* Memory fell about 10.6%, GPU designers about 3.3%. */
  g_assert_cmpfloat (chart_value, <, -5);
  g_assert_cmpfloat (chart_value, >, -10);
}

/* A ratio lined up at t-1 as an analogue: its path is A's growth over B's since t-1, by hand
 * from the two tickers' closes; its CARs are plain returns; a spread is refused by name. */
static void
test_ratio_as_analogue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  const CcDate dates[] = { D (2025, 11, 3), D (2026, 7, 1) };
  CcAnalogueWindow window = { -20, 60 };
  g_autoptr(CcAnalogueSet) set = NULL;
  g_autoptr(CcAnalogueSet) spread = NULL;
  CcSeries *mu, *nvda;

  g_assert_no_error (error);
  mu = cc_dataset_get_series (dataset, "MU");
  nvda = cc_dataset_get_series (dataset, "NVDA");
  set = cc_analogue_set_new (dataset, "MU/NVDA", dates, G_N_ELEMENTS (dates), &window,
                             CC_DATE_INVALID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (set->label, ==, "MU / NVDA");
  for (guint e = 0; e < G_N_ELEMENTS (dates); e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
      CcDate t1 = cc_calendar_add_trading_days (p->day0, -1);

      g_assert_true (p->has_base && !p->coarse);
      g_assert_cmpint (p->base_date, ==, t1);
      for (int d = 0; d <= 20; d += 5)
        {
          CcDate day = cc_calendar_add_trading_days (p->day0, d);
          const CcPoint *ma = cc_series_get_point (mu, cc_series_find (mu, day));
          const CcPoint *mb = cc_series_get_point (mu, cc_series_find (mu, t1));
          const CcPoint *na = cc_series_get_point (nvda, cc_series_find (nvda, day));
          const CcPoint *nb = cc_series_get_point (nvda, cc_series_find (nvda, t1));
          double expected = (ma->close / mb->close) / (na->close / nb->close) - 1;

          g_assert_cmpfloat_with_epsilon (p->value[d - window.first], expected, 1e-12);
        }
      g_assert_true (p->car_is_return);
      g_assert_cmpfloat_with_epsilon (p->move, p->value[-window.first], 1e-15);
    }
  g_assert_cmpstr (cc_analogue_set_car_note (set), ==,
                   "A ratio is already measured against its second side: its returns are "
                   "plain, not abnormal");

  spread = cc_analogue_set_new (dataset, "MU - NVDA", dates, 1, &window, CC_DATE_INVALID,
                                &error);
  g_assert_null (spread);
  g_assert_error (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_ITEM);
  g_assert_nonnull (strstr (error->message, "MU - NVDA"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/derived/grammar", test_grammar);
  g_test_add_func ("/derived/ratio-by-hand", test_ratio_by_hand);
  g_test_add_func ("/derived/spread-by-hand", test_spread_by_hand);
  g_test_add_func ("/derived/provenance", test_provenance_combinations);
  g_test_add_func ("/derived/bad-input", test_bad_input);
  g_test_add_func ("/derived/study-rows", test_study_rows);
  g_test_add_func ("/derived/bundled-memory-minus-gpu", test_bundled_memory_minus_gpu);
  g_test_add_func ("/derived/ratio-as-analogue", test_ratio_as_analogue);
  return g_test_run ();
}
