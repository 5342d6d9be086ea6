/* test-cli-export.c: `chipcycle export` as a script would run it: the built binary, no display,
 * real files. Bad arguments give one line on stderr naming the problem and exit status 2; bad
 * data or unwritable files exit 1. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cc-date.h"
#include "../cc-test-cli.h"
#include "../cc-test-pdf.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("cc-cli-export-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Runs `chipcycle export` with @first… (NULL-terminated) without a display. */
static int
run_export (Fixture     *f,
            char       **out_stderr,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, (char *) "export");
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return cc_test_run_chipcycle (f->dir, NULL, NULL, out_stderr,
                                (const char * const *) argv->pdata);
}

static void
assert_one_line (const char *err,
                 const char *needle)
{
  g_assert_nonnull (err);
  g_assert_true (g_str_has_prefix (err, "chipcycle export: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  /* One line: the only newline is the last character. */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  if (strstr (err, needle) == NULL)
    g_error ("stderr “%s” does not mention “%s”", err, needle);
}

typedef struct {
  const char *args[8];
  const char *needle;
} BadCase;

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  static const BadCase cases[] = {
    { { NULL }, "--output" },
    { { "--output", "chart.gif", NULL }, "chart.gif" },
    { { "--output", "c.png", "--width", "abc", NULL }, "abc" },
    { { "--output", "c.png", "--width", "5", NULL }, "--width" },
    { { "--output", "c.png", "--height", "99999", NULL }, "--height" },
    { { "--output", "c.png", "--scale", "0", NULL }, "--scale" },
    { { "--output", "c.png", "--mode", "candles", NULL }, "candles" },
    { { "--output", "c.png", "--theme", "pink", NULL }, "pink" },
    { { "--output", "c.png", "--event", "2026-02-30", NULL }, "2026-02-30" },
    { { "--output", "c.png", "--from", "2026-07-01", "--to", "2026-01-01", NULL }, "--from" },
    { { "--output", "c.png", "--page", "a4", NULL }, "--page" },
    { { "--output", "c.pdf", "--page", "tabloid", NULL }, "tabloid" },
    { { "--output", "c.png", "--bogus", NULL }, "--bogus" },
    { { "--output", "c.png", "stray", NULL }, "stray" },
    { { "--output", "c.png", "--symbols", "NOPE", NULL }, "NOPE" },
    { { "--output", "c.png", "--rebase", "sideways", NULL }, "--rebase: “sideways” is not event "
      "or visible" },
    { { "--output", "c.png", "--mode", "price", "--rebase", "visible", NULL }, "--rebase" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      const char **a = (const char **) cases[i].args;
      int status = run_export (f, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, 2);
      assert_one_line (err, cases[i].needle);
    }
  /* Nothing was written by any of them. */
  {
    g_autofree char *png = g_build_filename (f->dir, "c.png", NULL);

    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}

static void
test_default_png (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (f->dir, "chart.png", NULL);
  cairo_surface_t *png;

  g_assert_cmpint (run_export (f, &err, "--output", "chart.png", "--width", "1600", "--height",
                               "900", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 900);
  cairo_surface_destroy (png);

  g_assert_cmpint (run_export (f, NULL, "--output", "chart.png", "--width", "800", "--height",
                               "450", "--scale", "2", "--theme", "dark", NULL), ==, 0);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 900);
  cairo_surface_destroy (png);
}

static void
test_default_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "chart.pdf", NULL);
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  int status;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      return;
    }
  g_assert_cmpint (run_export (f, NULL, "--output", "chart.pdf", "--page", "letter", NULL), ==,
                   0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, NULL));
  /* The bundled default view: the index's name, the event's title, and its honesty. */
  g_assert_nonnull (strstr (text, "PHLX Semiconductor"));
  g_assert_nonnull (strstr (text, "Meta Compute"));
  g_assert_nonnull (strstr (text, "reconstructed"));

  /* Its document information: the event's title, who made it, and what it shows. */
  cc_test_assert_pdf_metadata (pdf, "Meta Compute announced",
                               "A chart of chip stocks, 2025-10-06 to 2026-10-05");
}

/* --analysis: the report names itself as the window's does. */
static void
test_report_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);

  g_assert_cmpint (run_export (f, NULL, "--output", "report.pdf", "--analysis", NULL), ==, 0);
  cc_test_assert_pdf_metadata (pdf, "Meta Compute announced",
                               "A chart of chip stocks and the phase and scenario assessment of "
                               "the AI-infrastructure cycle, data to 2026-10-05");
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-raw", pdf, "-", NULL };
  char *text = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, NULL));
  return text;
}

/* --rebase visible says so on the figure; an event before the daily data reaches into the
 * month-end history, which the footer names. */
static void
test_rebase_and_history (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "chart.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      return;
    }
  g_assert_cmpint (run_export (f, NULL, "--output", "chart.pdf", "--rebase", "visible",
                               "--from", "2026-09-01", NULL), ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "change since each line’s first close shown"));
  g_assert_null (strstr (text, "month-end"));
  g_clear_pointer (&text, g_free);

  /* The 2008 trough, at monthly resolution. */
  g_assert_cmpint (run_export (f, NULL, "--output", "chart.pdf", "--event", "2008-11-20",
                               "--symbols", "^SOX", NULL), ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "change since the month-end close of 31 Oct 2008"));
  g_assert_nonnull (strstr (text, "month-end closes before 6 Oct 2025"));
  g_assert_nonnull (strstr (text, "1994"));
}

static void
test_csv_wide_and_long (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *wide = g_build_filename (f->dir, "wide.csv", NULL);
  g_autofree char *long_csv = g_build_filename (f->dir, "long.csv", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "out.svg", NULL);
  g_autoptr(GString) w = g_string_new ("date,AAA,BBB\n");
  g_autoptr(GString) l = g_string_new ("date,symbol,close\n");
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  CcDate d = cc_date_from_ymd (2024, 1, 2);

  for (int i = 0; i < 300; i++, d = cc_calendar_next_trading_day (d))
    {
      char iso[11];

      cc_date_format_iso (d, iso);
      g_string_append_printf (w, "%s,%d.5,%d\n", iso, 100 + i % 17, 50 + i / 3);
      g_string_append_printf (l, "%s,XXX,%d.25\n", iso, 200 - i % 23);
    }
  g_assert_true (g_file_set_contents (wide, w->str, -1, NULL));
  g_assert_true (g_file_set_contents (long_csv, l->str, -1, NULL));

  g_assert_cmpint (run_export (f, &err, "--data", "wide.csv", "--output", "out.svg", "--log",
                               "--event", "2024-06-03", "--title", "Two columns", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_export (f, NULL, "--data", "long.csv", "--output", "long.png", "--mode",
                               "price", "--trading-days", "--event", "2024-06-03", NULL), ==, 0);
}

static void
test_csv_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_true (g_file_set_contents (bad, "date,AAA\n2024-01-02,1\n2024-01-03,abc\n", -1,
                                      NULL));
  g_assert_cmpint (run_export (f, &err, "--data", "bad.csv", "--output", "x.png", NULL), ==, 1);
  /* File, line and field. */
  assert_one_line (err, "bad.csv, line 3");
  g_assert_nonnull (strstr (err, "AAA"));
  g_assert_nonnull (strstr (err, "abc"));

  g_assert_cmpint (run_export (f, &err2, "--data", "missing.csv", "--output", "x.png", NULL), ==,
                   1);
  assert_one_line (err2, "missing.csv");

  g_assert_cmpint (run_export (f, &err3, "--output", "/nonexistent-dir/x.png", NULL), ==, 1);
  assert_one_line (err3, "/nonexistent-dir/x.png");
}

/* A typo in --symbols is an error that names it (exit 2), never an empty chart. */
static void
test_unknown_items (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    const char *symbols;
    const char *needle_a;
    const char *needle_b;
  } cases[] = {
    { "basket:nonsense", "no basket “basket:nonsense”", "basket:memory" },
    { "basket:memroy", "no basket “basket:memroy”", "did you mean basket:memory?" },
    { "NVDAX", "no data for “NVDAX”", "did you mean NVDA?" },
    { "mu", "no data for “mu”", "did you mean MU?" },
    { "XYZZY", "no data for “XYZZY”", NULL },
    { "MU,NOPE1,basket:gpu,basket:nope", "“NOPE1”", "“basket:nope”" },
  };
  g_autofree char *wide = g_build_filename (f->dir, "wide.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = run_export (f, &err, "--output", "c.png", "--symbols", cases[i].symbols,
                               NULL);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, 2);
      assert_one_line (err, cases[i].needle_a);
      assert_one_line (err, "--symbols");
      if (cases[i].needle_b)
        assert_one_line (err, cases[i].needle_b);
    }

  /* With --data, only what the file holds is known: no group basket has data. */
  g_assert_true (g_file_set_contents (wide, "date,AAA,BBB\n2024-01-02,1,2\n2024-01-03,2,3\n",
                                      -1, NULL));
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_export (f, &err, "--data", "wide.csv", "--output", "c.png",
                                 "--symbols", "basket:memory", NULL), ==, 2);
    assert_one_line (err, "no basket “basket:memory”");
  }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_export (f, &err, "--data", "wide.csv", "--output", "c.png",
                                 "--symbols", "AAB", NULL), ==, 2);
    assert_one_line (err, "did you mean AAA?");
  }
  {
    g_autofree char *png = g_build_filename (f->dir, "c.png", NULL);

    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}


/* The rows of a view CSV below its header, as cells; *@header gets the header's cells. */
static GPtrArray *
read_view_csv (Fixture     *f,
               const char  *name,
               GStrv       *header)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Chip Cycle view"));
  lines = g_strsplit (contents, "\n", -1);
  *header = NULL;
  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      if (lines[i][0] == '#')
        continue;
      if (*header == NULL)
        *header = g_strsplit (lines[i], ",", -1);
      else
        g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
    }
  g_assert_nonnull (*header);
  return rows;
}

/* The view's CSV holds exactly the series plotted, three columns each, and reads back through
 * --data: charting that file again, rebased to the same event, plots the same values with the
 * same provenance. */
static void
test_view_csv (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) header2 = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rows2 = NULL;
  const char *expected[] = { "Date", "^SOX %", "^SOX close", "^SOX provenance",
                             "BASKET-MEMORY %", "BASKET-MEMORY level",
                             "BASKET-MEMORY provenance", "BASKET-GPU %", "BASKET-GPU level",
                             "BASKET-GPU provenance", "META %", "META close", "META provenance",
                             NULL };

  g_assert_cmpint (run_export (f, &err, "--output", "view.csv", NULL), ==, 0);
  rows = read_view_csv (f, "view.csv", &header);
  g_assert_cmpstrv (header, expected);
  g_assert_cmpuint (rows->len, ==, 251);
  {
    g_autofree char *path = g_build_filename (f->dir, "view.csv", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "\n# mode: percent"));
    g_assert_nonnull (strstr (contents, "\n# base date: 2026-06-30\n"));
    g_assert_nonnull (strstr (contents, "\n# Source: Chip Cycle offline dataset"));
  }
  /* The day before the event is the base: 0% and, for the basket, a level of 100. */
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (g_strv_length (row), ==, G_N_ELEMENTS (expected) - 1);
      if (g_str_equal (row[0], "2026-06-30"))
        {
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[1], NULL), 0, 1e-9);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[5], NULL), 100, 1e-9);
        }
      /* A provenance, then any flags: the last ^SOX bar is an unfinished session. */
      g_assert_true (g_regex_match_simple ("^(observed|anchored|reconstructed)"
                                           "( unfinished)?( non-trading-day)?$", row[3], 0, 0));
      if (r == rows->len - 1)
        g_assert_cmpstr (row[3], ==, "observed unfinished");
    }

  g_assert_cmpint (run_export (f, &err, "--data", "view.csv", "--event", "2026-07-01",
                               "--output", "again.csv", NULL), ==, 0);
  rows2 = read_view_csv (f, "again.csv", &header2);
  g_assert_cmpstrv (header2, expected);
  g_assert_cmpuint (rows2->len, ==, rows->len);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv a = g_ptr_array_index (rows, r), b = g_ptr_array_index (rows2, r);

      g_assert_cmpstr (a[0], ==, b[0]);
      for (guint c = 1; a[c]; c++)
        if (c % 3 == 0)
          g_assert_cmpstr (a[c], ==, b[c]);
        else
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (a[c], NULL),
                                          g_ascii_strtod (b[c], NULL), 1e-6);
    }

  /* Chosen items: only those, in their order; a member of a basket is not written. */
  {
    g_auto(GStrv) h = NULL;
    g_autoptr(GPtrArray) r = NULL;

    g_assert_cmpint (run_export (f, &err, "--symbols", "NVDA,basket:memory", "--mode",
                                 "indexed", "--output", "two.csv", NULL), ==, 0);
    r = read_view_csv (f, "two.csv", &h);
    g_assert_cmpuint (g_strv_length (h), ==, 7);
    g_assert_cmpstr (h[1], ==, "NVDA index");
    g_assert_cmpstr (h[4], ==, "BASKET-MEMORY index");
  }
}

/* The portfolio's line in the view's CSV, like a basket's: its plotted value, its level (100 at
 * the base date) and its provenance, the weakest of its members' on each day. A fixed-weight
 * portfolio of 60% MU and 40% NVDA moves each day by the weighted mix of their moves, and the
 * file reads back through --data to the same columns. A saved portfolio is named with
 * --symbols portfolio:NAME; an unknown name is refused, naming the saved ones. */
static void
test_view_csv_portfolio (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *holdings = g_build_filename (f->dir, "mix.csv", NULL);
  g_autofree char *xdg = g_dir_make_tmp ("cc-cli-export-xdg-XXXXXX", NULL);
  g_autofree char *saved_dir = g_build_filename (xdg, "chipcycle", NULL);
  g_autofree char *saved = g_build_filename (saved_dir, "portfolios.json", NULL);
  g_autofree char *env_xdg = g_strconcat ("XDG_DATA_HOME=", xdg, NULL);
  const char *env[] = { env_xdg, NULL };
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) header2 = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rows2 = NULL;
  const char *expected[] = { "Date", "MU %", "MU level", "MU provenance", "NVDA %",
                             "NVDA level", "NVDA provenance", "PORTFOLIO-MIX %",
                             "PORTFOLIO-MIX level", "PORTFOLIO-MIX provenance", NULL };
  const char *order[] = { "observed", "anchored", "reconstructed" };
  gboolean base_seen = FALSE;
  guint checked = 0;

  g_assert_true (g_file_set_contents (holdings, "Symbol,Weight\nMU,60\nNVDA,40\n", -1, NULL));
  g_assert_cmpint (run_export (f, &err, "--portfolio", "mix.csv", "--symbols", "MU,NVDA",
                               "--output", "mix-view.csv", NULL), ==, 0);
  rows = read_view_csv (f, "mix-view.csv", &header);
  g_assert_cmpstrv (header, expected);
  g_assert_cmpuint (rows->len, >, 200);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      int rank[3] = { -1, -1, -1 };

      g_assert_cmpuint (g_strv_length (row), ==, 10);
      for (guint k = 0; k < 3; k++)
        for (guint o = 0; o < G_N_ELEMENTS (order); o++)
          if (g_str_has_prefix (row[3 + 3 * k], order[o]))
            rank[k] = (int) o;
      g_assert_cmpint (rank[0], >=, 0);
      g_assert_cmpint (rank[1], >=, 0);
      /* The weakest of the members' provenances on that day. */
      g_assert_cmpint (rank[2], ==, MAX (rank[0], rank[1]));
      if (g_str_equal (row[0], "2026-06-30"))
        {
          base_seen = TRUE;
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[8], NULL), 100, 1e-9);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[7], NULL), 0, 1e-9);
        }
      if (r > 0)
        {
          GStrv prev = g_ptr_array_index (rows, r - 1);
          double mu = g_ascii_strtod (row[2], NULL) / g_ascii_strtod (prev[2], NULL) - 1;
          double nvda = g_ascii_strtod (row[5], NULL) / g_ascii_strtod (prev[5], NULL) - 1;
          double mix = g_ascii_strtod (row[8], NULL) / g_ascii_strtod (prev[8], NULL) - 1;

          g_assert_cmpfloat_with_epsilon (mix, 0.6 * mu + 0.4 * nvda, 1e-12);
          checked++;
        }
    }
  g_assert_true (base_seen);
  g_assert_cmpuint (checked, ==, rows->len - 1);

  /* Read back as data, the portfolio is a series of its own with the same values. */
  g_assert_cmpint (run_export (f, &err, "--data", "mix-view.csv", "--event", "2026-07-01",
                               "--output", "mix-again.csv", NULL), ==, 0);
  rows2 = read_view_csv (f, "mix-again.csv", &header2);
  g_assert_cmpstrv (header2, expected);
  g_assert_cmpuint (rows2->len, ==, rows->len);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv a = g_ptr_array_index (rows, r), b = g_ptr_array_index (rows2, r);

      g_assert_cmpstr (a[0], ==, b[0]);
      for (guint c = 1; a[c]; c++)
        if (c % 3 == 0)
          g_assert_cmpstr (a[c], ==, b[c]);
        else
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (a[c], NULL),
                                          g_ascii_strtod (b[c], NULL), 1e-6);
    }

  /* A saved portfolio, by name, as the window keeps them. */
  {
    g_autofree char *json = NULL;
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "portfolio",
                                                   "portfolios.json", NULL);
    g_autofree char *nope = g_build_filename (f->dir, "nope.csv", NULL);
    g_auto(GStrv) h = NULL;
    g_autoptr(GPtrArray) r = NULL;
    const char *args[] = { "export", "--symbols", "portfolio:Model", "--output",
                           "model.csv", NULL };
    const char *bad[] = { "export", "--symbols", "MU,portfolio:Nope", "--output",
                          "nope.csv", NULL };

    g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
    g_assert_cmpint (g_mkdir_with_parents (saved_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (saved, json, -1, NULL));
    g_assert_cmpint (cc_test_run_chipcycle (f->dir, env, NULL, &err, args), ==, 0);
    r = read_view_csv (f, "model.csv", &h);
    g_assert_cmpuint (g_strv_length (h), ==, 4);
    g_assert_cmpstr (h[1], ==, "PORTFOLIO-MODEL %");
    g_assert_cmpstr (h[2], ==, "PORTFOLIO-MODEL level");

    g_assert_cmpint (cc_test_run_chipcycle (f->dir, env, NULL, &err, bad), ==, 2);
    g_assert_nonnull (strstr (err, "--symbols: “portfolio:Nope”: no saved portfolio has that "
                                   "name (saved: Brokerage, Model)"));
    g_assert_false (g_file_test (nope, G_FILE_TEST_EXISTS));
  }
  g_unlink (saved);
  g_rmdir (saved_dir);
  g_rmdir (xdg);
}

/* A view file with a provenance the reader does not know is refused, naming line and column. */
static void
test_view_csv_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "# Chip Cycle view\n"
                                      "Date,MU %,MU close,MU provenance\n"
                                      "2026-06-30,0,100,observed\n"
                                      "2026-07-01,-10,90,guessed\n", -1, NULL));
  g_assert_cmpint (run_export (f, &err, "--data", "bad.csv", "--output", "x.csv", NULL), ==, 1);
  assert_one_line (err, "bad.csv, line 4");
  g_assert_nonnull (strstr (err, "guessed"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/export/bad-arguments", Fixture, NULL, fixture_setup, test_bad_arguments,
              fixture_teardown);
  g_test_add ("/cli/export/unknown-items", Fixture, NULL, fixture_setup, test_unknown_items,
              fixture_teardown);
  g_test_add ("/cli/export/default-png", Fixture, NULL, fixture_setup, test_default_png,
              fixture_teardown);
  g_test_add ("/cli/export/default-pdf", Fixture, NULL, fixture_setup, test_default_pdf,
              fixture_teardown);
  g_test_add ("/cli/export/report-pdf", Fixture, NULL, fixture_setup, test_report_pdf,
              fixture_teardown);
  g_test_add ("/cli/export/rebase-and-history", Fixture, NULL, fixture_setup,
              test_rebase_and_history, fixture_teardown);
  g_test_add ("/cli/export/csv", Fixture, NULL, fixture_setup, test_csv_wide_and_long,
              fixture_teardown);
  g_test_add ("/cli/export/csv-errors", Fixture, NULL, fixture_setup, test_csv_errors,
              fixture_teardown);
  g_test_add ("/cli/export/view-csv", Fixture, NULL, fixture_setup, test_view_csv,
              fixture_teardown);
  g_test_add ("/cli/export/view-csv-portfolio", Fixture, NULL, fixture_setup,
              test_view_csv_portfolio, fixture_teardown);
  g_test_add ("/cli/export/view-csv-errors", Fixture, NULL, fixture_setup, test_view_csv_errors,
              fixture_teardown);
  return g_test_run ();
}
