/* test-dataset.c: the offline dataset: it regenerates to the same bytes, every anchor holds,
 * the real ^SOX bars are kept exactly, the trading calendar is respected, and CcDataset loads,
 * signals and reports errors as promised. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-bundled-dataset.h"
#include "cc-data-error.h"
#include "cc-dataset.h"

#define OBSERVED_FILE "chart_SOX_2026-09-08_to_2026-10-05_1d.body.json"

static char *
dataset_path (const char *name)
{
  const char *root = g_getenv ("CHIPCYCLE_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "dataset", name, NULL);
}

static CcDataset *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  CcDataset *dataset = cc_bundled_dataset_new (&error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static JsonObject *
load_anchors (JsonParser *parser)
{
  g_autofree char *path = dataset_path ("anchors.json");
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static CcDate
member_date (JsonObject *object,
             const char *member)
{
  CcDate date;

  g_assert_true (cc_date_parse_iso (json_object_get_string_member (object, member), &date));
  return date;
}

static void
test_regenerate_same_bytes (void)
{
  const char *build_root = g_getenv ("CHIPCYCLE_BUILD_ROOT");
  g_autofree char *generator = NULL;
  g_autofree char *anchors = dataset_path ("anchors.json");
  g_autofree char *shipped_path = dataset_path ("offline-series.csv");
  g_autofree char *dir = g_dir_make_tmp ("cc-dataset-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (dir, "offline-series.csv", NULL);
  g_autofree char *shipped = NULL;
  g_autofree char *regenerated = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr(GError) error = NULL;
  gsize shipped_len, regenerated_len;
  int status;

  g_assert_nonnull (build_root);
  generator = g_build_filename (build_root, "tools", "generate-dataset", NULL);
  {
    const char *argv[] = { generator, anchors, output, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err_text,
                  &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the generator failed: %s", err_text);

  g_assert_true (g_file_get_contents (shipped_path, &shipped, &shipped_len, NULL));
  g_assert_true (g_file_get_contents (output, &regenerated, &regenerated_len, NULL));
  g_assert_cmpuint (regenerated_len, ==, shipped_len);
  g_assert_true (memcmp (shipped, regenerated, shipped_len) == 0);

  g_assert_cmpint (g_unlink (output), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The bundled GResource must hold what is in the source tree (a stale build would not). */
static void
test_resource_matches_file (void)
{
  g_autofree char *path = dataset_path ("offline-series.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  bytes = g_resources_lookup_data ("/io/github/chipcycle/ChipCycle/dataset/offline-series.csv",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (bytes);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, length);
  g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), contents, length) == 0);
}

static double
close_on (CcSeries *series,
          CcDate    date)
{
  double close = 0;

  if (!cc_series_get_close (series, date, &close))
    {
      g_autofree char *iso = cc_date_to_iso (date);
      g_error ("%s has no close on %s", cc_series_get_symbol (series), iso);
    }
  return close;
}

static void
assert_provenance (CcSeries     *series,
                   CcDate        date,
                   CcProvenance  provenance)
{
  int i = cc_series_find (series, date);

  g_assert_cmpint (i, >=, 0);
  g_assert_cmpstr (cc_provenance_to_string (cc_series_get_point (series, i)->provenance), ==,
                   cc_provenance_to_string (provenance));
}

static void
test_anchors_hold (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = load_anchors (parser);
  JsonArray *anchors = json_object_get_array_member (root, "anchors");

  g_assert_cmpuint (json_array_get_length (anchors), >=, 20);

  for (guint i = 0; i < json_array_get_length (anchors); i++)
    {
      JsonObject *anchor = json_array_get_object_element (anchors, i);
      const char *id = json_object_get_string_member (anchor, "id");
      const char *kind = json_object_get_string_member (anchor, "kind");
      const char *source = json_object_get_string_member (anchor, "source");
      CcSeries *series = cc_dataset_get_series (dataset,
                                                json_object_get_string_member (anchor, "symbol"));
      double tolerance = json_object_get_double_member (anchor, "tolerance");
      double actual;
      CcDate anchored_date;

      g_test_message ("anchor %s", id);
      g_assert_nonnull (series);
      /* Every anchor cites the article or the recorded response. */
      g_assert_true (g_str_has_prefix (source, "article.md, ") ||
                     g_str_has_prefix (source, "recorded response " OBSERVED_FILE));

      if (strcmp (kind, "return") == 0)
        {
          CcDate from = member_date (anchor, "from");
          CcDate to = member_date (anchor, "to");

          /* A return anchor may not be loosened beyond a hundredth of a percentage point. */
          g_assert_cmpfloat (tolerance, <=, 0.0001);
          actual = close_on (series, to) / close_on (series, from) - 1.0;
          anchored_date = to;
        }
      else if (strcmp (kind, "close") == 0)
        {
          g_assert_cmpfloat (tolerance, <=, 0.005);
          anchored_date = member_date (anchor, "date");
          actual = close_on (series, anchored_date);
        }
      else if (strcmp (kind, "max-close") == 0 || strcmp (kind, "min-close") == 0)
        {
          CcDate from = member_date (anchor, "from");
          CcDate to = member_date (anchor, "to");
          gboolean is_max = kind[1] == 'a';
          guint n_points;
          const CcPoint *points = cc_series_get_points (series, &n_points);

          g_assert_cmpfloat (tolerance, <=, 0.005);
          actual = is_max ? -G_MAXDOUBLE : G_MAXDOUBLE;
          for (guint p = 0; p < n_points; p++)
            if (points[p].date >= from && points[p].date <= to)
              actual = is_max ? MAX (actual, points[p].close) : MIN (actual, points[p].close);
          anchored_date = member_date (anchor, "place-on");
          g_assert_cmpfloat (close_on (series, anchored_date), ==, actual);
        }
      else
        g_assert_not_reached ();

      if (json_object_has_member (anchor, "value"))
        g_assert_cmpfloat_with_epsilon (actual, json_object_get_double_member (anchor, "value"),
                                        tolerance);
      if (json_object_has_member (anchor, "target"))
        g_assert_cmpfloat_with_epsilon (actual, json_object_get_double_member (anchor, "target"),
                                        tolerance);
      if (json_object_has_member (anchor, "min"))
        g_assert_cmpfloat (actual, >, json_object_get_double_member (anchor, "min"));
      if (json_object_has_member (anchor, "max"))
        g_assert_cmpfloat (actual, <, json_object_get_double_member (anchor, "max"));
      g_assert_true (json_object_has_member (anchor, "value") ||
                     json_object_has_member (anchor, "target") ||
                     json_object_has_member (anchor, "min") ||
                     json_object_has_member (anchor, "max"));

      assert_provenance (series, anchored_date, CC_PROVENANCE_ANCHORED);

      /* A tooltip can name the figure behind the point. */
      {
        g_autofree char *note = cc_dataset_get_point_source (dataset, cc_series_get_symbol (series),
                                                             anchored_date);

        g_assert_nonnull (note);
        g_assert_true (g_str_has_prefix (note, "article.md, ") ||
                       g_str_has_prefix (note, "recorded response"));
      }
    }
}

static void
test_point_notes (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autofree char *klac = cc_dataset_get_point_source (dataset, "KLAC",
                                                       cc_date_from_ymd (2026, 7, 1));
  g_autofree char *meta_base = cc_dataset_get_point_source (dataset, "META",
                                                            cc_date_from_ymd (2026, 6, 30));
  g_autofree char *observed = cc_dataset_get_point_source (dataset, CC_SYMBOL_SOX,
                                                           cc_date_from_ymd (2026, 9, 8));
  g_autofree char *reconstructed = cc_dataset_get_point_source (dataset, "KLAC",
                                                                cc_date_from_ymd (2026, 7, 2));
  g_autofree char *after = NULL;
  g_autoptr(CcSeries) live = cc_series_new ("KLAC", CC_LEVEL_PRICE);

  g_assert_nonnull (strstr (klac, "KLA (-12%)"));
  /* Both the move and the close of 1 July fix META's close the day before. */
  g_assert_nonnull (strstr (meta_base, "nearly 10%"));
  g_assert_nonnull (strstr (meta_base, "$612"));
  g_assert_nonnull (strstr (observed, "recorded Yahoo Finance"));
  g_assert_null (reconstructed);

  /* Live data replacing the series does not inherit the notes. */
  cc_series_append (live, cc_date_from_ymd (2026, 7, 1), 700.0, CC_PROVENANCE_OBSERVED, 0);
  cc_dataset_set_series (dataset, live);
  after = cc_dataset_get_point_source (dataset, "KLAC", cc_date_from_ymd (2026, 7, 1));
  g_assert_null (after);
}

/* The article's figures (the anchors of data/dataset/README.md), written out here as well so that
 * editing anchors.json alone cannot
 * silently change what the dataset promises. */
static void
test_article_figures (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  CcDate event = cc_date_from_ymd (2026, 7, 1);
  CcDate before = cc_date_from_ymd (2026, 6, 30);
  CcDate year_end = cc_date_from_ymd (2025, 12, 31);
  struct { const char *symbol; double move; } moves[] = {
    { "^SOX", -0.0627 }, { "KLAC", -0.12 }, { "LRCX", -0.097 }, { "AMAT", -0.10 },
    { "CRWV", -0.108 }, { "NBIS", -0.124 }, { "NVDA", -0.02 }, { "AMD", -0.03 },
    { "TSM", -0.04 }, { "AVGO", -0.04 },
  };
  CcSeries *meta = cc_dataset_get_series (dataset, "META");
  CcSeries *mu = cc_dataset_get_series (dataset, "MU");
  CcSeries *sndk = cc_dataset_get_series (dataset, "SNDK");
  double meta_move;

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      CcSeries *series = cc_dataset_get_series (dataset, moves[i].symbol);

      g_assert_cmpfloat_with_epsilon (close_on (series, event) / close_on (series, before) - 1,
                                      moves[i].move, 0.0001);
    }

  meta_move = close_on (meta, event) / close_on (meta, before) - 1;
  g_assert_cmpfloat (meta_move, >, 0.09);
  g_assert_cmpfloat (meta_move, <, 0.10);
  g_assert_cmpfloat_with_epsilon (close_on (meta, event), 612.0, 0.005);
  g_assert_cmpfloat (close_on (mu, event) / close_on (mu, before) - 1, <, -0.10);
  g_assert_cmpfloat (close_on (sndk, event) / close_on (sndk, before) - 1, <, -0.10);
  g_assert_cmpfloat (close_on (mu, before) / close_on (mu, year_end) - 1, >, 7.0);
  g_assert_cmpfloat (close_on (sndk, before) / close_on (sndk, year_end) - 1, >, 3.0);
  g_assert_cmpfloat_with_epsilon (close_on (sndk, before) / close_on (sndk, year_end) - 1,
                                  7.81, 0.0001);
}

static void
test_observed_sox_exact (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = dataset_path (OBSERVED_FILE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  CcSeries *sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  JsonObject *result;
  JsonArray *timestamps, *closes;
  guint n_observed = 0, n_points;
  const CcPoint *points;

  g_assert_nonnull (zone);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  result = json_array_get_object_element (
    json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                     "chart"), "result"), 0);
  timestamps = json_object_get_array_member (result, "timestamp");
  closes = json_object_get_array_member (
    json_array_get_object_element (
      json_object_get_array_member (json_object_get_object_member (result, "indicators"),
                                    "quote"), 0), "close");
  g_assert_cmpuint (json_array_get_length (timestamps), ==, 20);

  for (guint i = 0; i < 20; i++)
    {
      CcDate date = cc_date_from_unix_in_zone (json_array_get_int_element (timestamps, i), zone);
      int index = cc_series_find (sox, date);
      const CcPoint *point;

      g_assert_cmpint (index, >=, 0);
      point = cc_series_get_point (sox, index);
      /* Exactly the recorded value, not a rounding of it. */
      g_assert_cmpfloat (point->close, ==, json_array_get_double_element (closes, i));
      g_assert_cmpint (point->provenance, ==, CC_PROVENANCE_OBSERVED);
      g_assert_cmpint (point->flags & CC_POINT_FLAG_UNFINISHED, ==,
                       i == 19 ? CC_POINT_FLAG_UNFINISHED : 0);
    }
  g_assert_cmpint (cc_series_get_last (sox)->date, ==, cc_date_from_ymd (2026, 10, 5));
  g_assert_cmpfloat (cc_series_get_last (sox)->close, ==, 13128.23046875);
  g_assert_cmpfloat (close_on (sox, cc_date_from_ymd (2026, 9, 8)), ==, 11887.8701171875);

  /* Only those 20 bars are observed; nothing else claims to be. */
  points = cc_series_get_points (sox, &n_points);
  for (guint p = 0; p < n_points; p++)
    n_observed += points[p].provenance == CC_PROVENANCE_OBSERVED;
  g_assert_cmpuint (n_observed, ==, 20);
}

static void
test_trading_calendar (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(GPtrArray) symbols = cc_dataset_list_symbols (dataset);
  g_autoptr(GArray) days = cc_calendar_trading_days (cc_date_from_ymd (2025, 10, 6),
                                                     cc_date_from_ymd (2026, 10, 5));
  static const int holidays[][3] = {
    { 2025, 11, 27 }, { 2025, 12, 25 }, { 2026, 1, 1 }, { 2026, 1, 19 }, { 2026, 2, 16 },
    { 2026, 4, 3 }, { 2026, 5, 25 }, { 2026, 6, 19 }, { 2026, 7, 3 }, { 2026, 9, 7 },
  };

  g_assert_cmpuint (symbols->len, ==, 16);
  g_assert_cmpstr (g_ptr_array_index (symbols, 0), ==, CC_SYMBOL_SOX);
  g_assert_cmpuint (days->len, ==, 251);

  for (guint s = 0; s < symbols->len; s++)
    {
      CcSeries *series = cc_dataset_get_series (dataset, g_ptr_array_index (symbols, s));
      guint n_points;
      const CcPoint *points = cc_series_get_points (series, &n_points);

      g_assert_cmpuint (n_points, ==, days->len);
      for (guint i = 0; i < n_points; i++)
        {
          g_assert_cmpint (points[i].date, ==, g_array_index (days, CcDate, i));
          g_assert_true (cc_calendar_is_trading_day (points[i].date));
        }
      for (guint h = 0; h < G_N_ELEMENTS (holidays); h++)
        g_assert_cmpint (cc_series_find (series, cc_date_from_ymd (holidays[h][0], holidays[h][1],
                                                                   holidays[h][2])), ==, -1);
    }
}

static void
test_levels_and_labels (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(GPtrArray) symbols = cc_dataset_list_symbols (dataset);

  for (guint s = 0; s < symbols->len; s++)
    {
      const char *symbol = g_ptr_array_index (symbols, s);
      CcSeries *series = cc_dataset_get_series (dataset, symbol);
      gboolean priced = g_str_equal (symbol, CC_SYMBOL_SOX) || g_str_equal (symbol, "META");
      guint n_points;
      const CcPoint *points = cc_series_get_points (series, &n_points);

      g_assert_cmpint (cc_series_get_level_kind (series), ==,
                       priced ? CC_LEVEL_PRICE : CC_LEVEL_INDEX);
      if (!priced)
        {
          g_assert_cmpfloat (points[0].close, ==, 100.0);
          g_assert_null (cc_series_get_currency (series));
        }
      g_assert_cmpint (cc_series_get_origin (series), ==, CC_ORIGIN_BUNDLED);
      g_assert_nonnull (strstr (cc_series_get_source (series), "reconstructed"));
      g_assert_true (cc_series_has_provenance (series, CC_PROVENANCE_RECONSTRUCTED,
                                               points[0].date, points[n_points - 1].date));

      /* Reconstructed days move plausibly: no jump beyond 25% (a log return). */
      for (guint i = 1; i < n_points; i++)
        if (points[i].provenance == CC_PROVENANCE_RECONSTRUCTED)
          g_assert_cmpfloat (fabs (log (points[i].close / points[i - 1].close)), <, 0.25);
    }

  g_assert_cmpstr (cc_series_get_currency (cc_dataset_get_series (dataset, "META")), ==, "USD");
  g_assert_nonnull (strstr (cc_series_get_source (cc_dataset_get_series (dataset, CC_SYMBOL_SOX)),
                            "Yahoo Finance closes from 2026-09-08"));
}

static void
test_sox_shape (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  CcSeries *sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  guint n_points;
  const CcPoint *points = cc_series_get_points (sox, &n_points);
  guint peak = 0;
  double drawdown;

  for (guint i = 1; i < n_points; i++)
    if (points[i].close > points[peak].close)
      peak = i;
  /* The high comes before the event, and the last close is about 10% below it. */
  g_assert_cmpint (points[peak].date, <, cc_date_from_ymd (2026, 7, 1));
  drawdown = points[n_points - 1].close / points[peak].close - 1;
  g_assert_cmpfloat_with_epsilon (drawdown, 13128.23046875 / 14655.29 - 1, 1e-9);
  g_test_message ("^SOX peak %.2f, drawdown on the last day %.2f%%", points[peak].close,
                  drawdown * 100);
}

static void
test_history_facts (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  guint n_episodes;
  const CcCycleEpisode *episodes = cc_dataset_get_episodes (&n_episodes);
  CcSeries *monthly = cc_dataset_get_sox_monthly (dataset);
  static const double declines[] = { 0.839, 0.687, 0.465 };
  double close;

  g_assert_cmpuint (n_episodes, ==, 3);
  for (guint i = 0; i < n_episodes; i++)
    {
      double decline = 1 - episodes[i].trough_close / episodes[i].peak_close;
      CcEvent *peak = cc_dataset_find_event_on (dataset, episodes[i].peak_date);
      CcEvent *trough = cc_dataset_find_event_on (dataset, episodes[i].trough_date);

      g_assert_cmpfloat_with_epsilon (decline, declines[i], 0.0005);
      g_assert_nonnull (peak);
      g_assert_nonnull (trough);
      g_assert_cmpint (cc_event_get_category (peak), ==, CC_EVENT_CATEGORY_CYCLE_PEAK);
      g_assert_cmpint (cc_event_get_category (trough), ==, CC_EVENT_CATEGORY_CYCLE_TROUGH);
    }
  g_assert_cmpstr (episodes[0].id, ==, "2000");
  g_assert_cmpint (episodes[0].peak_date, ==, cc_date_from_ymd (2000, 3, 10));
  g_assert_cmpfloat (episodes[0].article_decline, ==, 0.82);
  g_assert_cmpfloat (episodes[2].article_decline, ==, 0.35);

  g_assert_nonnull (monthly);
  g_assert_cmpuint (cc_series_get_n_points (monthly), ==, 370);
  g_assert_cmpint (cc_series_get_first (monthly)->date, ==, cc_date_from_ymd (1994, 5, 31));
  g_assert_true (cc_series_get_close (monthly, cc_date_from_ymd (2025, 2, 28), &close));
  g_assert_cmpfloat (close, ==, 4766.75);
  g_assert_false (cc_series_has_provenance (monthly, CC_PROVENANCE_RECONSTRUCTED,
                                            cc_series_get_first (monthly)->date,
                                            cc_series_get_last (monthly)->date));
}

/* The index split 2:1 on 24 July 1995; the source file is not adjusted, so unhalved closes
 * before it would show a 42% one-month crash that never happened. After the adjustment the
 * worst month is the real one, September 2001 (-33.6%). */
static void
test_monthly_split_adjusted (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  CcSeries *monthly = cc_dataset_get_sox_monthly (dataset);
  const CcPoint *points;
  guint n, worst = 0;
  double worst_change = 0, close;

  points = cc_series_get_points (monthly, &n);
  g_assert_cmpuint (n, >, 300);
  for (guint i = 1; i < n; i++)
    {
      double change = points[i].close / points[i - 1].close - 1;

      if (change < worst_change)
        {
          worst_change = change;
          worst = i;
        }
      if (change < -0.34)
        {
          g_autofree char *date = cc_date_to_iso (points[i].date);

          g_error ("the month to %s falls %.1f%%: more than the worst real month", date,
                   -100 * change);
        }
    }
  g_assert_cmpint (points[worst].date, ==, cc_date_from_ymd (2001, 9, 28));
  g_assert_cmpfloat_with_epsilon (worst_change, -0.336, 0.0005);

  /* Halved before the split (488.01 in the source), unchanged from July 1995 on. */
  g_assert_true (cc_series_get_close (monthly, cc_date_from_ymd (1995, 6, 30), &close));
  g_assert_cmpfloat_with_epsilon (close, 244.005, 1e-9);
  g_assert_true (cc_series_get_close (monthly, cc_date_from_ymd (1995, 7, 31), &close));
  g_assert_cmpfloat_with_epsilon (close, 282.15, 1e-9);
}

/* The long history: month-end closes before the daily bars, flagged as such; fetched daily
 * closes replace them wherever they reach, and other symbols have none. */
static void
test_history_join (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  CcSeries *daily = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  CcSeries *history = cc_dataset_get_history (dataset, CC_SYMBOL_SOX);
  g_autoptr(CcSeries) fetched = cc_series_new (CC_SYMBOL_SOX, CC_LEVEL_PRICE);
  const CcPoint *points;
  guint n, n_monthly = 0;
  CcDate day;

  g_assert_true (cc_dataset_get_history (dataset, "MU") == cc_dataset_get_series (dataset, "MU"));
  g_assert_cmpuint (cc_series_get_n_points (history), ==,
                    cc_series_get_n_points (cc_dataset_get_sox_monthly (dataset)) +
                    cc_series_get_n_points (daily));
  points = cc_series_get_points (history, &n);
  for (guint i = 0; i < n; i++)
    if (points[i].flags & CC_POINT_FLAG_MONTHLY)
      {
        g_assert_cmpint (points[i].date, <, cc_series_get_first (daily)->date);
        g_assert_cmpint (points[i].provenance, ==, CC_PROVENANCE_OBSERVED);
        n_monthly++;
      }
  g_assert_cmpuint (n_monthly, ==, 370);
  /* The daily points are the daily series', unchanged. */
  g_assert_cmpint (points[n_monthly].date, ==, cc_series_get_first (daily)->date);
  g_assert_cmpfloat (points[n - 1].close, ==, cc_series_get_last (daily)->close);
  /* The same object until something changes. */
  g_assert_true (cc_dataset_get_history (dataset, CC_SYMBOL_SOX) == history);

  /* A refresh brought daily closes from 2 January 2024: the month-end closes stop before. */
  day = cc_date_from_ymd (2024, 1, 2);
  for (guint i = 0; i < 300; i++, day = cc_calendar_next_trading_day (day))
    cc_series_append (fetched, day, 5000 + i, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE);
  cc_series_set_origin (fetched, CC_ORIGIN_PROVIDER);
  cc_dataset_set_series (dataset, fetched);
  history = cc_dataset_get_history (dataset, CC_SYMBOL_SOX);
  points = cc_series_get_points (history, &n);
  g_assert_cmpint (cc_series_get_origin (history), ==, CC_ORIGIN_PROVIDER);
  n_monthly = 0;
  for (guint i = 0; i < n; i++)
    if (points[i].flags & CC_POINT_FLAG_MONTHLY)
      {
        g_assert_cmpint (points[i].date, <, cc_date_from_ymd (2024, 1, 2));
        n_monthly++;
      }
  /* May 1994 to December 2023. */
  g_assert_cmpuint (n_monthly, ==, 8 + 29 * 12);
  g_assert_cmpuint (n, ==, n_monthly + 300);
}

static void
test_curated_events (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  GPtrArray *events = cc_dataset_get_events (dataset);
  CcEvent *meta = cc_dataset_get_default_event (dataset);
  CcEvent *iren = cc_dataset_find_event_on (dataset, cc_date_from_ymd (2025, 11, 3));
  CcEvent *meeting = cc_dataset_find_event (dataset, "2026-05-meta-annual-meeting");
  CcEvent *delloro = cc_dataset_find_event (dataset, "2026-q1-delloro-data-centre-chips");
  g_autofree char *quarter = NULL;

  g_assert_cmpuint (events->len, ==, 10);
  for (guint i = 1; i < events->len; i++)
    g_assert_cmpint (cc_event_get_date (g_ptr_array_index (events, i - 1)), <=,
                     cc_event_get_date (g_ptr_array_index (events, i)));

  g_assert_nonnull (meta);
  g_assert_cmpint (cc_event_get_date (meta), ==, cc_date_from_ymd (2026, 7, 1));
  g_assert_cmpint (cc_event_get_monitor (meta), ==, CC_MONITOR_CAPEX);
  g_assert_cmpstr (cc_event_get_source (meta), ==, "article");

  g_assert_nonnull (iren);
  g_assert_cmpint (cc_event_get_monitor (iren), ==, CC_MONITOR_MINER_CONTRACTS);
  g_assert_cmpint (cc_event_get_stance (iren), ==, CC_SIGNAL_POSITIVE);

  g_assert_nonnull (meeting);
  g_assert_cmpint (cc_event_get_precision (meeting), ==, CC_EVENT_PRECISION_MONTH);
  g_assert_cmpint (cc_event_get_date (meeting), ==, cc_date_from_ymd (2026, 5, 1));

  g_assert_nonnull (delloro);
  g_assert_cmpint (cc_event_get_precision (delloro), ==, CC_EVENT_PRECISION_QUARTER);
  g_assert_cmpint (cc_event_get_category (delloro), ==, CC_EVENT_CATEGORY_DATA_RELEASE);
  quarter = cc_event_format_when (delloro);
  g_assert_nonnull (strstr (quarter, "2026"));

  for (guint i = 0; i < events->len; i++)
    g_assert_cmpstr (cc_event_get_description (g_ptr_array_index (events, i)), !=, "");
}

static void
count_cb (gpointer instance,
          gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
series_changed_cb (CcDataset  *dataset,
                   const char *symbol,
                   gpointer    user_data)
{
  g_free (*(char **) user_data);
  *(char **) user_data = g_strdup (symbol);
}

static void
test_signals (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcSeries) series = cc_series_new ("NVDA", CC_LEVEL_PRICE);
  g_autoptr(CcEvent) early = cc_event_new (cc_date_from_ymd (2026, 1, 5),
                                           CC_EVENT_PRECISION_DAY, "Early");
  g_autoptr(CcEvent) late = cc_event_new (cc_date_from_ymd (2026, 3, 5),
                                          CC_EVENT_PRECISION_DAY, "Late");
  g_autoptr(CcEvent) twin = cc_event_new (cc_date_from_ymd (2026, 3, 5),
                                          CC_EVENT_PRECISION_DAY, "Late");
  g_autofree char *changed = NULL;
  g_autoptr(GPtrArray) symbols = NULL;
  guint events_changed = 0;

  g_signal_connect (dataset, "series-changed", G_CALLBACK (series_changed_cb), &changed);
  g_signal_connect (dataset, "events-changed", G_CALLBACK (count_cb), &events_changed);

  cc_dataset_set_series (dataset, series);
  g_assert_cmpstr (changed, ==, "NVDA");
  g_assert_true (cc_dataset_get_series (dataset, "NVDA") == series);
  {
    g_autoptr(CcSeries) custom = cc_series_new ("ZZZ", CC_LEVEL_PRICE);
    cc_dataset_set_series (dataset, custom);
  }
  symbols = cc_dataset_list_symbols (dataset);
  g_assert_cmpuint (symbols->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (symbols, 0), ==, "NVDA");
  g_assert_cmpstr (g_ptr_array_index (symbols, 1), ==, "ZZZ");

  cc_dataset_add_event (dataset, late);
  cc_dataset_add_event (dataset, early);
  g_assert_cmpuint (events_changed, ==, 2);
  g_assert_true (g_ptr_array_index (cc_dataset_get_events (dataset), 0) == early);

  /* Editing an event re-sorts the list and tells listeners. */
  cc_event_set_date (early, cc_date_from_ymd (2026, 6, 1));
  g_assert_cmpuint (events_changed, ==, 3);
  g_assert_true (g_ptr_array_index (cc_dataset_get_events (dataset), 0) == late);

  /* Ids stay unique. */
  cc_dataset_add_event (dataset, twin);
  g_assert_cmpstr (cc_event_get_id (twin), !=, cc_event_get_id (late));
  g_assert_true (cc_dataset_find_event (dataset, cc_event_get_id (twin)) == twin);

  /* Merging the user's saved copy of an event replaces the held one. */
  {
    g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
    CcEvent *hidden_copy = cc_event_copy (twin);
    guint n = cc_dataset_get_events (dataset)->len;

    cc_event_set_hidden (hidden_copy, TRUE);
    g_ptr_array_add (saved, hidden_copy);
    g_ptr_array_add (saved, cc_event_new (cc_date_from_ymd (2026, 8, 1), CC_EVENT_PRECISION_DAY,
                                          "Mine"));
    events_changed = 0;
    cc_dataset_merge_events (dataset, saved);
    g_assert_cmpuint (events_changed, ==, 1);
    g_assert_cmpuint (cc_dataset_get_events (dataset)->len, ==, n + 1);
    g_assert_true (cc_dataset_find_event (dataset, cc_event_get_id (twin)) == hidden_copy);
    g_assert_true (cc_event_get_hidden (hidden_copy));
  }

  g_assert_true (cc_dataset_remove_event (dataset, cc_event_get_id (late)));
  g_assert_false (cc_dataset_remove_event (dataset, cc_event_get_id (late)));
  g_assert_null (cc_dataset_find_event (dataset, cc_event_get_id (late)));
  events_changed = 0;
  /* A removed event no longer reaches the dataset. */
  cc_event_set_title (late, "Changed");
  g_assert_cmpuint (events_changed, ==, 0);
}

typedef struct {
  const char *csv;
  const char *expected;
} CsvCase;

static void
test_csv_errors (void)
{
  static const CsvCase cases[] = {
    { "# c\ndate,symbol,close\n", "line 2:|header" },
    { "date,symbol,level,close,provenance,flags\n2026-02-30,MU,index,100,anchored,\n",
      "line 2, column “date”|2026-02-30" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,index,abc,anchored,\n",
      "line 2, column “close”|abc" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,index,-5,anchored,\n",
      "line 2, column “close”" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,index,nan,anchored,\n",
      "line 2, column “close”" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,index,10,guessed,\n",
      "line 2, column “provenance”|guessed" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,dollars,10,observed,\n",
      "line 2, column “level”" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,index,10,observed,late\n",
      "line 2, column “flags”" },
    { "date,symbol,level,close,provenance,flags\n\n2026-02-03,MU,index,10\n",
      "line 3:|6 fields" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,bad ticker,index,10,observed,\n",
      "line 2, column “symbol”" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,index,10,observed,\n"
      "2026-02-02,MU,index,10,observed,\n", "line 3, column “date”|not later" },
    { "date,symbol,level,close,provenance,flags\n2026-02-03,MU,index,10,observed,\n"
      "2026-02-04,MU,price,10,observed,\n", "line 3, column “level”" },
    { "# only a comment\n", "no header" },
  };
  g_autoptr(CcDataset) dataset = cc_dataset_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) parts = g_strsplit (cases[i].expected, "|", -1);

      g_assert_false (cc_bundled_dataset_load_series_csv (dataset, cases[i].csv, -1, "series.csv",
                                                  &error));
      g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "series.csv"));
      for (guint p = 0; parts[p]; p++)
        if (strstr (error->message, parts[p]) == NULL)
          g_error ("case %u: “%s” lacks “%s”", i, error->message, parts[p]);
    }
  /* A failed load changes nothing. */
  g_assert_null (cc_dataset_get_series (dataset, "MU"));

  {
    const char csv[] = "date,symbol,level,close,provenance,flags\n2026-02-03,MU,in\0dex,1,x,\n";
    g_autoptr(GError) error = NULL;

    g_assert_false (cc_bundled_dataset_load_series_csv (dataset, csv, sizeof csv - 1, "nul.csv",
                                                &error));
    g_assert_nonnull (strstr (error->message, "nul.csv, line 2"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CcSeries) monthly = cc_bundled_dataset_parse_monthly_csv (
      "month,last_trading_date,close\n2020-01,2020-01-31,100\n2020-02,2020-03-02,100\n", -1,
      "monthly.csv", &error);

    g_assert_null (monthly);
    g_assert_nonnull (strstr (error->message, "monthly.csv, line 3, column “last_trading_date”"));
  }
}

static void
test_csv_crlf_and_fuzz (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(GError) error = NULL;
  const char *good = "# x\r\ndate,symbol,level,close,provenance,flags\r\n"
                     "2026-02-03,MU,index,100,reconstructed,\r\n"
                     "2026-02-04,MU,index,101.5,observed,unfinished\r\n";
  g_autofree char *copy = NULL;
  gsize length = strlen (good);
  guint64 state = 7;

  g_assert_true (cc_bundled_dataset_load_series_csv (dataset, good, -1, "crlf.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (cc_dataset_get_series (dataset, "MU")), ==, 2);
  g_assert_cmpint (cc_series_get_last (cc_dataset_get_series (dataset, "MU"))->flags, ==,
                   CC_POINT_FLAG_UNFINISHED);

  copy = g_malloc (length);
  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GError) fuzz_error = NULL;
      gboolean ok;

      memcpy (copy, good, length);
      for (guint e = 0; e < 3; e++)
        {
          state = state * 6364136223846793005ULL + 1442695040888963407ULL;
          copy[(state >> 33) % length] = (char) (state >> 20);
        }
      ok = cc_bundled_dataset_load_series_csv (dataset, copy, length, "fuzz.csv", &fuzz_error);
      g_assert_true (ok == (fuzz_error == NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/regenerate-same-bytes", test_regenerate_same_bytes);
  g_test_add_func ("/dataset/resource-matches-file", test_resource_matches_file);
  g_test_add_func ("/dataset/anchors-hold", test_anchors_hold);
  g_test_add_func ("/dataset/article-figures", test_article_figures);
  g_test_add_func ("/dataset/point-notes", test_point_notes);
  g_test_add_func ("/dataset/observed-sox-exact", test_observed_sox_exact);
  g_test_add_func ("/dataset/trading-calendar", test_trading_calendar);
  g_test_add_func ("/dataset/levels-and-labels", test_levels_and_labels);
  g_test_add_func ("/dataset/sox-shape", test_sox_shape);
  g_test_add_func ("/dataset/history-facts", test_history_facts);
  g_test_add_func ("/dataset/monthly-split-adjusted", test_monthly_split_adjusted);
  g_test_add_func ("/dataset/history-join", test_history_join);
  g_test_add_func ("/dataset/curated-events", test_curated_events);
  g_test_add_func ("/dataset/signals", test_signals);
  g_test_add_func ("/dataset/csv-errors", test_csv_errors);
  g_test_add_func ("/dataset/csv-crlf-and-fuzz", test_csv_crlf_and_fuzz);

  return g_test_run ();
}
