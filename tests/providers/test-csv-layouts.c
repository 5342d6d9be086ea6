/* test-csv-layouts.c: one CSV reader behind every entry point. Each layout fixture goes
 * through the reader API (cc_csv_read), the function the window's import calls
 * (cc_csv_import_file) and `chipcycle export --data FILE --output data.csv` run as a
 * program; all three must give the same series (symbols, dates, closes, flags). The
 * NVDA/^SOX fixtures hold the same real closes in six layouts, so they must also agree with
 * each other. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cc-csv.h"
#include "cc-data-error.h"
#include "cc-test-data.h"

typedef struct {
  const char  *name;
  CcCsvLayout  layout;
  guint        n_series;
  guint        n_points;   /* of each series */
} Fixture;

static const Fixture fixtures[] = {
  { "wide_nvda_sox_2018-10.csv", CC_CSV_LAYOUT_WIDE, 2, 25 },
  { "long_nvda_sox_2018-10.csv", CC_CSV_LAYOUT_LONG, 2, 25 },
  { "semicolon_decimal_comma_nvda_sox_2018-10.csv", CC_CSV_LAYOUT_WIDE, 2, 25 },
  { "quoted_thousands_nvda_sox_2018-10.csv", CC_CSV_LAYOUT_WIDE, 2, 25 },
  { "tab_nvda_sox_2018-10.tsv", CC_CSV_LAYOUT_LONG, 2, 25 },
  { "bom_crlf_nvda_sox_2018-10.csv", CC_CSV_LAYOUT_WIDE, 2, 25 },
  { "NVDA_2018-01-02_2018-11-02_yahoo_style.csv", CC_CSV_LAYOUT_YAHOO, 1, 213 },
  { "nvda.us_2018-01-02_2018-11-02_stooq_style.csv", CC_CSV_LAYOUT_STOOQ, 1, 213 },
};

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_test_get_dir (G_TEST_DIST), "data", "layouts", name, NULL);
}

static CcSeries *
find_series (GPtrArray  *list,
             const char *symbol)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (cc_series_get_symbol (g_ptr_array_index (list, i)), symbol))
      return g_ptr_array_index (list, i);
  return NULL;
}

/* Same symbols, and for each the same dates, closes (to the bit) and flags. */
static void
assert_same_series (GPtrArray  *a,
                    GPtrArray  *b,
                    const char *what)
{
  g_test_message ("comparing %s", what);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint s = 0; s < a->len; s++)
    {
      CcSeries *sa = g_ptr_array_index (a, s);
      CcSeries *sb = find_series (b, cc_series_get_symbol (sa));
      const CcPoint *pa, *pb;
      guint na, nb;

      g_assert_nonnull (sb);
      pa = cc_series_get_points (sa, &na);
      pb = cc_series_get_points (sb, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint i = 0; i < na; i++)
        {
          g_assert_cmpint (pa[i].date, ==, pb[i].date);
          g_assert_cmpfloat (pa[i].close, ==, pb[i].close);
          g_assert_cmpint (pa[i].flags, ==, pb[i].flags);
        }
    }
}

/* `chipcycle export --data PATH --output data.csv` (the view of every series in the file),
 * read back. */
static GPtrArray *
run_cli (const char *path)
{
  const char *bin = g_getenv ("CHIPCYCLE_BIN");
  g_autofree char *dir = g_dir_make_tmp ("cc-csv-layouts-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "data.csv", NULL);
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  const char *argv[] = { bin, "export", "--data", path, "--output", out, NULL };
  GPtrArray *list;
  gsize length;
  int status;

  if (bin == NULL)
    g_error ("CHIPCYCLE_BIN is not set (run through meson test)");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_assert_true (g_spawn_sync (dir, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("chipcycle export: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpstr (err, ==, "");

  g_assert_true (g_file_get_contents (out, &contents, &length, &error));
  g_assert_no_error (error);
  /* The view's export: the closes behind the values plotted, with their provenance. */
  g_assert_true (g_str_has_prefix (contents, "# Chip Cycle view"));
  list = cc_csv_read (contents, length, "data.csv", "UNUSED", NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (out);
  g_rmdir (dir);
  return list;
}

static void
test_three_entry_points (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autofree char *path = fixture_path (fixture->name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *symbol = cc_csv_guess_symbol (fixture->name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GPtrArray) window = NULL;
  g_autoptr(GPtrArray) cli = NULL;
  CcCsvLayout layout = -1;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  direct = cc_csv_read (contents, length, fixture->name, symbol, &layout, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cc_csv_layout_to_string (layout), ==,
                   cc_csv_layout_to_string (fixture->layout));
  g_assert_cmpuint (direct->len, ==, fixture->n_series);
  for (guint i = 0; i < direct->len; i++)
    g_assert_cmpuint (cc_series_get_n_points (g_ptr_array_index (direct, i)), ==,
                      fixture->n_points);

  window = cc_csv_import_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_series (direct, window, "reader and window import");

  cli = run_cli (path);
  assert_same_series (direct, cli, "reader and chipcycle export --data");
}

/* The six NVDA/^SOX files hold the same closes: every layout must read them alike. */
static void
test_layouts_agree (void)
{
  g_autoptr(GPtrArray) reference = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = fixture_path (fixtures[i].name);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GPtrArray) list = NULL;

      if (fixtures[i].n_series != 2)
        continue;
      file = g_file_new_for_path (path);
      list = cc_csv_import_file (file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (find_series (list, "NVDA"));
      g_assert_nonnull (find_series (list, "^SOX"));
      if (reference == NULL)
        {
          CcSeries *sox = find_series (list, "^SOX");
          CcSeries *nvda = find_series (list, "NVDA");
          double close;

          /* The real closes of 1 and 2 October 2018 as the sources wrote them. */
          g_assert_true (cc_series_get_close (sox, cc_test_date ("2018-10-01"), &close));
          g_assert_cmpfloat (close, ==, 1370.439941);
          g_assert_true (cc_series_get_close (nvda, cc_test_date ("2018-10-02"), &close));
          g_assert_cmpfloat (close, ==, 286.48);
          reference = g_steal_pointer (&list);
        }
      else
        assert_same_series (reference, list, fixtures[i].name);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/data/csv/entry-points/%s",
                                                    fixtures[i].name);

      g_test_add_data_func (test_path, &fixtures[i], test_three_entry_points);
    }
  g_test_add_func ("/data/csv/layouts-agree", test_layouts_agree);

  return g_test_run ();
}
