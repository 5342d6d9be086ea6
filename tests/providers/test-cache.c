/* test-cache.c: the on-disk cache: round trip, merge, atomic files, a damaged file moved
 * aside and reported, and staleness against the NYSE calendar. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cc-cache.h"
#include "cc-data-error.h"
#include "cc-provider.h"
#include "cc-test-data.h"

typedef struct {
  char    *dir;
  CcCache *cache;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cc-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->cache = cc_cache_new (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  cc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static CcSeries *
load_aapl (void)
{
  g_autoptr(GBytes) bytes = cc_test_load_fixture ("yahoo",
                                                  "chart_AAPL_2020-08-31_to_2020-11-07.body.json",
                                                  NULL);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  CcSeries *series = cc_yahoo_parse_chart ("AAPL", 200, data, length, &error);

  g_assert_no_error (error);
  cc_series_set_fetched_at (series, 1637575000);
  return series;
}

static void
assert_same_points (CcSeries *a,
                    CcSeries *b)
{
  const CcPoint *pa, *pb;
  guint na, nb;

  pa = cc_series_get_points (a, &na);
  pb = cc_series_get_points (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpint (pa[i].date, ==, pb[i].date);
      g_assert_cmpfloat (pa[i].close, ==, pb[i].close);
      g_assert_cmpint (pa[i].provenance, ==, pb[i].provenance);
      g_assert_cmpint (pa[i].flags, ==, pb[i].flags);
    }
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CcSeries) aapl = load_aapl ();
  g_autoptr(CcSeries) stored = NULL;
  g_autoptr(CcSeries) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cc_cache_get_path (fixture->cache, "yahoo", "AAPL");
  const CcAction *actions;
  guint n_actions;

  g_assert_null (cc_cache_load (fixture->cache, "yahoo", "AAPL", &error));
  g_assert_no_error (error);

  stored = cc_cache_store (fixture->cache, "yahoo", aapl, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  loaded = cc_cache_load (fixture->cache, "yahoo", "AAPL", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cc_series_get_origin (loaded), ==, CC_ORIGIN_CACHE);
  g_assert_cmpint (cc_series_get_fetched_at (loaded), ==, 1637575000);
  g_assert_cmpstr (cc_series_get_source (loaded), ==, "Yahoo Finance");
  g_assert_cmpstr (cc_series_get_currency (loaded), ==, "USD");
  assert_same_points (aapl, loaded);
  actions = cc_series_get_actions (loaded, &n_actions);
  g_assert_cmpuint (n_actions, ==, 2);
  g_assert_cmpfloat (actions[1].numerator, ==, 0.205);
}

static void
test_symbol_paths (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sox = cc_cache_get_path (fixture->cache, "yahoo", "^SOX");
  g_autofree char *sneaky = cc_cache_get_path (fixture->cache, "yahoo", "../../etc/passwd");
  g_autofree char *expected = g_build_filename (fixture->dir, "yahoo", "_5ESOX.json", NULL);
  g_autofree char *dir = g_build_filename (fixture->dir, "yahoo", NULL);
  g_autofree char *sneaky_dir = g_path_get_dirname (sneaky);

  g_assert_cmpstr (sox, ==, expected);
  /* No symbol can climb out of the cache folder. */
  g_assert_cmpstr (sneaky_dir, ==, dir);
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CcSeries) first = cc_series_new ("MU", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) second = cc_series_new ("MU", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) merged = NULL;
  g_autoptr(CcSeries) loaded = NULL;
  g_autoptr(GError) error = NULL;
  double close;

  cc_series_set_fetched_at (first, 100);
  cc_series_append (first, cc_test_date ("2018-10-29"), 34.66, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (first, cc_test_date ("2018-10-30"), 35.0, CC_PROVENANCE_OBSERVED,
                    CC_POINT_FLAG_UNFINISHED);
  g_clear_object (&merged);
  merged = cc_cache_store (fixture->cache, "stooq", first, &error);
  g_assert_no_error (error);

  /* The later fetch has the finished session and the next day. */
  cc_series_set_fetched_at (second, 200);
  cc_series_append (second, cc_test_date ("2018-10-30"), 36.01, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (second, cc_test_date ("2018-10-31"), 36.5, CC_PROVENANCE_OBSERVED, 0);
  g_clear_object (&merged);
  merged = cc_cache_store (fixture->cache, "stooq", second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (merged), ==, 3);

  loaded = cc_cache_load (fixture->cache, "stooq", "MU", &error);
  g_assert_no_error (error);
  assert_same_points (merged, loaded);
  g_assert_cmpint (cc_series_get_fetched_at (loaded), ==, 200);
  g_assert_true (cc_series_get_close (loaded, cc_test_date ("2018-10-29"), &close));
  g_assert_cmpfloat (close, ==, 34.66);
  g_assert_true (cc_series_get_close (loaded, cc_test_date ("2018-10-30"), &close));
  g_assert_cmpfloat (close, ==, 36.01);
  g_assert_cmpint (cc_series_get_point (loaded, 1)->flags, ==, CC_POINT_FLAG_NONE);
}

static void
test_new_split_replaces (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CcSeries) before = cc_series_new ("AAPL", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) aapl = load_aapl ();
  g_autoptr(CcSeries) merged = NULL;
  g_autoptr(GError) error = NULL;

  /* Unadjusted closes from before the 4:1 split would sit 4x above the new ones. */
  cc_series_append (before, cc_test_date ("2020-08-27"), 500.04, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (before, cc_test_date ("2020-08-28"), 499.23, CC_PROVENANCE_OBSERVED, 0);
  g_clear_object (&merged);
  merged = cc_cache_store (fixture->cache, "yahoo", before, &error);
  g_assert_no_error (error);
  g_clear_object (&merged);
  merged = cc_cache_store (fixture->cache, "yahoo", aapl, &error);
  g_assert_no_error (error);
  assert_same_points (aapl, merged);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_corrupt_moved_aside (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CcSeries) aapl = load_aapl ();
  g_autoptr(CcSeries) stored = NULL;
  g_autoptr(CcSeries) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cc_cache_get_path (fixture->cache, "yahoo", "AAPL");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *aside = NULL;
  g_autofree char *aside_contents = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *garbage = "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"AAPL\",\"poi";
  const char *name;
  guint damaged = 0;

  g_signal_connect_swapped (fixture->cache, "damaged", G_CALLBACK (count_cb), &damaged);
  stored = cc_cache_store (fixture->cache, "yahoo", aapl, &error);
  g_assert_no_error (error);
  /* A crash half-way through someone else's write, a disk error: the file is damaged. */
  g_assert_true (g_file_set_contents (path, garbage, -1, &error));

  loaded = cc_cache_load (fixture->cache, "yahoo", "AAPL", &error);
  g_assert_null (loaded);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_CACHE_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, ".corrupt-"));
  g_assert_cmpuint (damaged, ==, 1);
  g_clear_error (&error);

  /* The damaged bytes are kept, not overwritten. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "AAPL.json.corrupt-"))
      aside = g_build_filename (dir, name, NULL);
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &aside_contents, NULL, NULL));
  g_assert_cmpstr (aside_contents, ==, garbage);

  /* The next fetch is stored cleanly. */
  g_clear_object (&stored);
  stored = cc_cache_store (fixture->cache, "yahoo", aapl, &error);
  g_assert_no_error (error);
  loaded = cc_cache_load (fixture->cache, "yahoo", "AAPL", &error);
  g_assert_no_error (error);
  assert_same_points (aapl, loaded);
}

static void
test_parse_rejects (void)
{
  static const char *bad[] = {
    "",
    "[]",
    "{\"format\":\"other\",\"version\":1,\"symbol\":\"X\",\"points\":[]}",
    "{\"format\":\"chipcycle-cache\",\"version\":2,\"symbol\":\"X\",\"points\":[]}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"points\":[]}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"X\"}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"X\",\"points\":"
      "[[\"2020-01-03\",1.0,\"observed\",0],[\"2020-01-02\",1.0,\"observed\",0]]}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"X\",\"points\":"
      "[[\"2020-01-02\",-1.0,\"observed\",0]]}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"X\",\"points\":"
      "[[\"2020-01-02\",1.0,\"guessed\",0]]}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"X\",\"points\":"
      "[[\"2020-02-30\",1.0,\"observed\",0]]}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"X\",\"points\":"
      "[[\"2020-01-02\",1.0,\"observed\",999]]}",
    "{\"format\":\"chipcycle-cache\",\"version\":1,\"symbol\":\"X\",\"points\":[],"
      "\"actions\":[{\"date\":\"2020-01-02\",\"kind\":\"split\",\"numerator\":0}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = cc_cache_parse (bad[i], strlen (bad[i]), "x.json", NULL,
                                                   &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (series);
      g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_CACHE_CORRUPT);
      g_assert_nonnull (strstr (error->message, "x.json"));
    }
}

static gint64
new_york_time (const char *iso_local)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso_local, zone);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

static void
test_stale (void)
{
  g_autoptr(CcSeries) series = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) empty = cc_series_new ("MU", CC_LEVEL_PRICE);

  g_assert_true (cc_cache_series_is_stale (empty, new_york_time ("2026-10-05T12:00:00")));

  /* Last bar Friday 2026-10-02. */
  cc_series_append (series, cc_test_date ("2026-10-02"), 13136.67, CC_PROVENANCE_OBSERVED, 0);
  /* Monday morning: Friday is the last closed session. */
  g_assert_false (cc_cache_series_is_stale (series, new_york_time ("2026-10-05T10:00:00")));
  /* Monday evening: one session behind, still within a trading day. */
  g_assert_false (cc_cache_series_is_stale (series, new_york_time ("2026-10-05T17:00:00")));
  /* Tuesday evening: two sessions behind. */
  g_assert_true (cc_cache_series_is_stale (series, new_york_time ("2026-10-06T17:00:00")));

  /* Over Thanksgiving (2025-11-27) a Wednesday bar stays fresh until Friday's close. */
  g_clear_object (&series);
  series = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  cc_series_append (series, cc_test_date ("2025-11-26"), 7000, CC_PROVENANCE_OBSERVED, 0);
  g_assert_false (cc_cache_series_is_stale (series, new_york_time ("2025-11-28T20:00:00")));
  g_assert_false (cc_cache_series_is_stale (series, new_york_time ("2025-11-30T12:00:00")));
  g_assert_true (cc_cache_series_is_stale (series, new_york_time ("2025-12-01T16:30:00")));

  /* An unfinished bar counts as the session before it. */
  cc_series_append (series, cc_test_date ("2025-12-01"), 7100, CC_PROVENANCE_OBSERVED,
                    CC_POINT_FLAG_UNFINISHED);
  g_assert_false (cc_cache_series_is_stale (series, new_york_time ("2025-12-01T16:30:00")));
  g_assert_true (cc_cache_series_is_stale (series, new_york_time ("2025-12-02T16:30:00")));
}

/* Found by fuzz-cache: a file without a provider came back with an empty one. */
static void
test_no_provider_round_trip (void)
{
  const char *text = "{\"format\": \"chipcycle-cache\", \"version\": 1, \"symbol\": \"AAPL\", "
                     "\"currency\": \"USD\", \"source\": \"Yahoo Finance\", \"level\": \"price\", "
                     "\"fetched_at\": 1637575000, "
                     "\"points\": [[\"2020-08-31\", 129.04, \"observed\", 0]]}";
  g_autoptr(GError) error = NULL;
  g_autofree char *provider = g_strdup ("unset");
  g_autofree char *again_provider = g_strdup ("unset");
  g_autofree char *written = NULL;
  g_autoptr(CcSeries) series = NULL;
  g_autoptr(CcSeries) again = NULL;
  gsize length;

  g_clear_pointer (&provider, g_free);
  g_clear_pointer (&again_provider, g_free);
  series = cc_cache_parse (text, strlen (text), "x.json", &provider, &error);
  g_assert_no_error (error);
  g_assert_null (provider);
  written = cc_cache_serialize (series, provider, &length);
  again = cc_cache_parse (written, length, "y.json", &again_provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again_provider, ==, provider);
  g_assert_cmpstr (cc_series_get_symbol (again), ==, "AAPL");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/data/cache/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/data/cache/symbol-paths", Fixture, NULL, fixture_set_up, test_symbol_paths,
              fixture_tear_down);
  g_test_add ("/data/cache/merge", Fixture, NULL, fixture_set_up, test_merge,
              fixture_tear_down);
  g_test_add ("/data/cache/new-split-replaces", Fixture, NULL, fixture_set_up,
              test_new_split_replaces, fixture_tear_down);
  g_test_add ("/data/cache/corrupt-moved-aside", Fixture, NULL, fixture_set_up,
              test_corrupt_moved_aside, fixture_tear_down);
  g_test_add_func ("/data/cache/parse-rejects", test_parse_rejects);
  g_test_add_func ("/data/cache/no-provider-round-trip", test_no_provider_round_trip);
  g_test_add_func ("/data/cache/stale", test_stale);

  return g_test_run ();
}
