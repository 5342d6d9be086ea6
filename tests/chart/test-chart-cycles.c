/* test-chart-cycles.c: the cycle overlay of the main chart: today's ^SOX decline drawn over the
 * 2000-02, 2007-09 and 2021-22 ones, aligned at their peaks, read back from what was drawn: the
 * four paths, x in trading days since the peak, each low at its real day and depth, the
 * resolution of each path in the footer; daily where the real daily closes of tests/data are
 * loaded, month-end on the bundled data alone; and in the exported files. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cc-bundled-dataset.h"
#include "cc-chart-csv.h"
#include "cc-chart-private.h"
#include "cc-compare-chart.h"
#include "cc-csv.h"
#include "cc-csv-reader.h"
#include "cc-cycle.h"

#include "../cc-test-cli.h"

/* A drawn point, as CcCycleChartPath.points holds them (double[2]). */
typedef struct {
  double x, y;
} Pt;

#define PT(path, k) (g_array_index ((path)->points, Pt, (k)))

#define WIDTH  1600.0
#define HEIGHT 900.0

typedef struct {
  const char *id;
  const char *label;
  int         py, pm, pd;
  int         ty, tm, td;
  const char *depth;    /* as drawn */
} Episode;

/* The episode facts (data/SOURCES.md): peak and trough closes, depths 83.9%, 68.7%, 46.5%. */
static const Episode episodes[] = {
  { "2000", "2000–02 dot-com bust", 2000, 3, 10, 2002, 10, 9, "−83.9%" },
  { "2008", "2007–09 financial crisis", 2007, 7, 17, 2008, 11, 20, "−68.7%" },
  { "2022", "2021–22 downturn", 2021, 12, 27, 2022, 10, 14, "−46.5%" },
};

static CcDataset *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  CcDataset *dataset = cc_bundled_dataset_new (&error);

  g_assert_no_error (error);
  return dataset;
}

/* The bundled dataset with the real daily ^SOX closes of the three episodes (tests/data/history,
 * with their provenance in tests/data/README.md) merged into its ^SOX, as Load Full History
 * does with a provider's range=max. */
static CcDataset *
load_with_daily_episodes (void)
{
  const char *files[] = { "sox_episode_2000_2002.csv", "sox_episode_2007_2009.csv",
                          "sox_episode_2021_2022.csv" };
  CcDataset *dataset = load_bundled ();
  CcSeries *sox = cc_dataset_get_series (dataset, "^SOX");

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "history", files[f],
                                                     NULL);
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
  return dataset;
}

static const CcCompareChartLayout *
draw_overlay (CcChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  const CcCompareChartLayout *layout;

  cc_chart_draw (chart, cr, WIDTH, HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  layout = _cc_chart_get_cycle_layout (chart);
  g_assert_nonnull (layout);
  return layout;
}

/* A drawn point back in data units: trading days since the peak, percent below it. */
static double
day_at (const CcCompareChartLayout *l,
        double                      x)
{
  return l->x_lo + (x - l->plot_x) / l->plot_width * (l->x_hi - l->x_lo);
}

static double
percent_at (const CcCompareChartLayout *l,
            double                      y)
{
  return l->y_lo + (l->plot_y + l->plot_height - y) / l->plot_height * (l->y_hi - l->y_lo);
}

static const CcCycleChartPath *
find_path (const CcCompareChartLayout *l,
           const char                 *id)
{
  for (guint i = 0; i < l->cycle_paths->len; i++)
    {
      const CcCycleChartPath *p = g_ptr_array_index (l->cycle_paths, i);

      if (g_strcmp0 (p->id, id) == 0)
        return p;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
texts_contain (const CcCompareChartLayout *l,
               const char                 *text)
{
  for (guint i = 0; i < l->texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (l->texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* Each episode's lowest drawn point is its trough: the right trading day since the peak and
 * the right depth, with the ring and its depth there; the end label names it and its depth. */
static void
assert_episodes (const CcCompareChartLayout *l,
                 gboolean                    monthly)
{
  for (guint e = 0; e < G_N_ELEMENTS (episodes); e++)
    {
      const Episode *ep = &episodes[e];
      const CcCycleChartPath *p = find_path (l, ep->id);
      CcDate peak = cc_date_from_ymd (ep->py, ep->pm, ep->pd);
      CcDate trough = cc_date_from_ymd (ep->ty, ep->tm, ep->td);
      int days = cc_calendar_trading_days_between (peak, trough);
      g_autofree char *label = g_strdup_printf (monthly ? "%s %s (month-end)" : "%s %s",
                                                ep->label, ep->depth);
      g_autofree char *depth = NULL;
      guint low = 0;

      g_test_message ("episode %s: trough at t+%d", ep->id, days);
      g_assert_cmpint (p->monthly, ==, monthly);
      g_assert_cmpstr (p->end_label, ==, label);
      g_assert_true (texts_contain (l, label));
      g_assert_cmpuint (p->points->len, >, 2);
      for (guint k = 0; k < p->points->len; k++)
        if (PT (p, k).y >
            PT (p, low).y)
          low = k;
      /* y grows downwards: the largest y is the deepest point. */
      g_assert_cmpfloat_with_epsilon (day_at (l, PT (p, low).x),
                                      days, 1e-6);
      depth = cc_format_percent (percent_at (l, PT (p, low).y),
                                 1, FALSE);
      g_assert_cmpstr (depth, ==, ep->depth);
      g_assert_cmpfloat_with_epsilon (p->trough_x, PT (p, low).x,
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (p->trough_y, PT (p, low).y,
                                      1e-9);
      g_assert_cmpstr (p->trough_label, ==, ep->depth);
      /* From the peak: day 0 at 0%. */
      g_assert_cmpfloat_with_epsilon (day_at (l, PT (p, 0).x), 0,
                                      1e-6);
      g_assert_cmpfloat_with_epsilon (percent_at (l, PT (p, 0).y),
                                      0, 1e-6);
    }
}

static void
assert_today (const CcCompareChartLayout *l)
{
  const CcCycleChartPath *today = find_path (l, "current");

  g_assert_cmpuint (l->cycle_paths->len, ==, 4);
  /* Drawn last, over the past declines; named "Today" and dashed, as the bundled closes
   * before 8 Sep 2026 are rebuilt, which its label and the footer say. */
  g_assert_cmpstr (((CcCycleChartPath *) g_ptr_array_index (l->cycle_paths, 3))->id, ==,
                   "current");
  g_assert_true (g_str_has_prefix (today->end_label, "Today −"));
  g_assert_nonnull (strstr (today->end_label, "(partly reconstructed)"));
  g_assert_true (today->dashed);
  g_assert_false (today->monthly);
  g_assert_cmpfloat_with_epsilon (day_at (l, PT (today, 0).x), 0,
                                  1e-6);
  /* The 52-week high of 14,655.29 to the low of 9,666.00 (13 Aug 2026): −34.0%. */
  g_assert_cmpstr (today->trough_label, ==, "−34.0%");
  g_assert_nonnull (strstr (l->footer, "Today: daily closes, partly reconstructed"));
  g_assert_true (texts_contain (l, "trading days since the peak"));
}

static void
test_daily_history (void)
{
  g_autoptr(CcDataset) dataset = load_with_daily_episodes ();
  g_autoptr(CcChart) chart = cc_chart_new (dataset);
  const CcCompareChartLayout *l;

  cc_chart_set_overlay (chart, CC_CHART_OVERLAY_CYCLES);
  l = draw_overlay (chart);
  assert_today (l);
  assert_episodes (l, FALSE);
  /* x is trading days, not calendar days: one session a point, evenly spaced over weekends
   * and holidays (9/11 closed the market for four days in the 2000 episode). */
  for (guint e = 0; e < G_N_ELEMENTS (episodes); e++)
    {
      const CcCycleChartPath *p = find_path (l, episodes[e].id);

      for (guint k = 0; k < p->points->len; k++)
        g_assert_cmpfloat_with_epsilon (day_at (l, PT (p, k).x),
                                        k, 1e-6);
    }
  g_assert_nonnull (strstr (l->footer, "Resolution: 2000–02 dot-com bust: daily closes; "
                                       "2007–09 financial crisis: daily closes; 2021–22 "
                                       "downturn: daily closes; Today: daily closes"));
  g_assert_null (strstr (l->footer, "month-end"));
  g_assert_true (texts_contain (l, "Drawdown from the peak close, by trading days since the "
                                   "peak; daily closes"));
}

static void
test_month_end (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcChart) chart = cc_chart_new (dataset);
  g_autoptr(CcChartLayout) layout = NULL;
  CcChartRect plot;
  const CcCompareChartLayout *l;

  g_assert_cmpint (cc_chart_get_overlay (chart), ==, CC_CHART_OVERLAY_NONE);
  cc_chart_set_overlay (chart, CC_CHART_OVERLAY_CYCLES);
  l = draw_overlay (chart);
  assert_today (l);
  assert_episodes (l, TRUE);
  g_assert_nonnull (strstr (l->footer, "Resolution: 2000–02 dot-com bust: month-end closes; "
                                       "2007–09 financial crisis: month-end closes; 2021–22 "
                                       "downturn: month-end closes; Today: daily closes"));
  g_assert_nonnull (strstr (l->footer, "earlier declines: bundled month-end ^SOX closes "
                                       "(observed)"));
  /* The window finds no dates or labels under the pointer on it. */
  g_assert_false (cc_chart_get_plot_area (chart, &plot));
  g_assert_cmpint (cc_chart_date_at_x (chart, WIDTH / 2), ==, CC_DATE_INVALID);
  layout = cc_chart_layout (chart, WIDTH, HEIGHT);
  g_assert_cmpuint (layout->event_labels->len, ==, 0);
  g_assert_cmpuint (layout->end_labels->len, ==, 0);

  /* Off again: the items. */
  cc_chart_set_overlay (chart, CC_CHART_OVERLAY_NONE);
  g_assert_null (_cc_chart_get_cycle_layout (chart));
  g_clear_pointer (&layout, cc_chart_layout_free);
  layout = cc_chart_layout (chart, WIDTH, HEIGHT);
  g_assert_cmpuint (layout->end_labels->len, >, 0);
  g_assert_true (cc_chart_get_plot_area (chart, &plot));
}

/* pdftotext sometimes splits a word where the glyphs are kerned ("−83. 9%"): compare text
 * without its white space. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *c = text; *c; c++)
    if (!g_ascii_isspace (*c))
      g_string_append_c (out, *c);
  return g_string_free (out, FALSE);
}

static gboolean
pdf_says (const char *text,
          const char *expected)
{
  g_autofree char *a = squeeze (text);
  g_autofree char *b = squeeze (expected);

  return strstr (a, b) != NULL;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-raw", pdf, "-", NULL };
  char *text = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* The exports draw the overlay too: through cc_chart_export() on a copy (what the window's
 * export does), and through `chipcycle export --overlay cycles`. */
/* The overlay's CSV read back with the one CSV tokenizer: its header, one row per trading day
 * since the peak (day = row number), and each episode's low on its day at its depth, as the
 * chart draws it; @daily when the real daily closes are loaded, else month-end between the
 * recorded peak and trough. Returns the number of rows. */
static guint
assert_cycles_csv (const char *text,
                   gboolean    daily)
{
  g_autoptr(GError) error = NULL;
  CcCsvReader *reader = cc_csv_reader_new (text, -1, "cycles.csv", &error);
  const char *ids[] = { "2000", "2008", "2022", "current" };
  const char *fields[] = { "date", "drawdown %", "close", "resolution", "provenance" };
  int low_day[G_N_ELEMENTS (episodes)];
  double low[G_N_ELEMENTS (episodes)];
  guint rows = 0, month_ends = 0, dailies = 0;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "# Chip Cycle cycle overlay"));
  g_assert_true (cc_csv_reader_next (reader, &error));
  g_assert_cmpuint (cc_csv_reader_get_n_fields (reader), ==, 1 + 5 * G_N_ELEMENTS (ids));
  g_assert_cmpstr (cc_csv_reader_get_field (reader, 0), ==, "day");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
      {
        g_autofree char *name = g_strdup_printf ("%s %s", ids[i], fields[f]);

        g_assert_cmpstr (cc_csv_reader_get_field (reader, 1 + 5 * i + f), ==, name);
      }
  for (guint e = 0; e < G_N_ELEMENTS (episodes); e++)
    {
      low_day[e] = -1;
      low[e] = 0;
    }
  while (cc_csv_reader_next (reader, &error))
    {
      double day;

      g_assert_true (cc_csv_reader_parse_number (reader, cc_csv_reader_get_field (reader, 0),
                                                 &day));
      g_assert_cmpfloat (day, ==, rows);
      for (guint e = 0; e < G_N_ELEMENTS (episodes); e++)
        {
          const char *date = cc_csv_reader_get_field (reader, 1 + 5 * e);
          const char *resolution = cc_csv_reader_get_field (reader, 1 + 5 * e + 3);
          double value, close;

          if (*date == '\0')
            continue;
          g_assert_true (cc_csv_reader_parse_number (reader,
                                                     cc_csv_reader_get_field (reader,
                                                                              1 + 5 * e + 1),
                                                     &value));
          g_assert_true (cc_csv_reader_parse_number (reader,
                                                     cc_csv_reader_get_field (reader,
                                                                              1 + 5 * e + 2),
                                                     &close));
          g_assert_cmpfloat (close, >, 0);
          g_assert_true (g_str_equal (resolution, "daily") ||
                         g_str_equal (resolution, "month-end"));
          month_ends += g_str_equal (resolution, "month-end");
          dailies += g_str_equal (resolution, "daily");
          g_assert_cmpstr (cc_csv_reader_get_field (reader, 1 + 5 * e + 4), ==, "observed");
          if (value < low[e])
            {
              low[e] = value;
              low_day[e] = rows;
            }
          /* The peak is day 0, at 0%. */
          if (rows == 0)
            g_assert_cmpfloat (value, ==, 0);
        }
      rows++;
    }
  g_assert_no_error (error);
  cc_csv_reader_free (reader);

  for (guint e = 0; e < G_N_ELEMENTS (episodes); e++)
    {
      CcDate peak = cc_date_from_ymd (episodes[e].py, episodes[e].pm, episodes[e].pd);
      CcDate trough = cc_date_from_ymd (episodes[e].ty, episodes[e].tm, episodes[e].td);
      g_autofree char *shown = g_strdup_printf ("%.1f%%", low[e]);

      g_assert_cmpint (low_day[e], ==, cc_calendar_trading_days_between (peak, trough));
      /* "-83.9%" as a file has it, the chart's "−83.9%" with its minus sign. */
      g_assert_cmpint (shown[0], ==, '-');
      g_assert_cmpstr (shown + 1, ==, episodes[e].depth + strlen ("−"));
    }
  g_assert_cmpint (low_day[0], ==, 647);
  g_assert_cmpfloat (round (low[0] * 10) / 10, ==, -83.9);
  if (daily)
    g_assert_cmpuint (month_ends, ==, 0);
  else
    g_assert_cmpuint (month_ends, >, 30);
  g_assert_cmpuint (dailies, >, 0);
  return rows;
}

/* The current decline's last point, from what the overlay computed. */
static const CcCyclePoint *
current_end (CcChart *chart)
{
  GPtrArray *cycles = _cc_chart_get_cycles (chart);

  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);

      if (c->is_current)
        return &g_array_index (c->path, CcCyclePoint, c->path->len - 1);
    }
  g_assert_not_reached ();
  return NULL;
}

/* "Today" on the overlay is the as-of date the side panel assesses: its path ends on the last
 * bar on or before it (a Saturday gives the Friday), the drawn path and its label with it, and
 * a copy (what an export draws) ends there too; without an as-of date, at the last bar. */
static void
test_as_of (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcChart) chart = cc_chart_new (dataset);
  g_autoptr(CcChart) copy = NULL;
  CcSeries *sox = cc_dataset_get_series (dataset, "^SOX");
  CcDate last = cc_series_get_last (sox)->date;
  CcDate peak = cc_date_from_ymd (2026, 6, 24);
  CcDate low = cc_date_from_ymd (2026, 8, 13);
  CcDate saturday = cc_date_from_ymd (2026, 8, 15);
  const CcCompareChartLayout *l;
  const CcCycleChartPath *today;

  cc_chart_set_overlay (chart, CC_CHART_OVERLAY_CYCLES);
  l = draw_overlay (chart);
  today = find_path (l, "current");
  g_assert_cmpint (current_end (chart)->date, ==, last);
  g_assert_cmpfloat_with_epsilon (day_at (l, PT (today, today->points->len - 1).x),
                                  cc_calendar_trading_days_between (peak, last), 1e-6);

  /* On the day of the low: the path ends there, at the low. */
  cc_chart_set_as_of (chart, low);
  l = draw_overlay (chart);
  today = find_path (l, "current");
  g_assert_cmpint (current_end (chart)->date, ==, low);
  g_assert_cmpint (current_end (chart)->x, ==, 35);
  g_assert_cmpfloat_with_epsilon (day_at (l, PT (today, today->points->len - 1).x), 35, 1e-6);
  g_assert_cmpstr (today->end_label, ==, "Today −34.0%\n(partly reconstructed)");

  /* A Saturday: the Friday before, as the panel's as-of button says. */
  cc_chart_set_as_of (chart, saturday);
  l = draw_overlay (chart);
  g_assert_cmpint (current_end (chart)->date, ==, cc_date_from_ymd (2026, 8, 14));
  copy = cc_chart_copy (chart);
  g_assert_cmpint (cc_chart_get_as_of (copy), ==, saturday);
  draw_overlay (copy);
  g_assert_cmpint (current_end (copy)->date, ==, cc_date_from_ymd (2026, 8, 14));

  /* Following the data again. */
  cc_chart_set_as_of (chart, CC_DATE_INVALID);
  draw_overlay (chart);
  g_assert_cmpint (current_end (chart)->date, ==, last);
}

static void
test_export (void)
{
  g_autoptr(CcDataset) dataset = load_with_daily_episodes ();
  g_autoptr(CcChart) chart = cc_chart_new (dataset);
  g_autoptr(CcChart) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cc-cycles-XXXXXX", &error);
  g_autofree char *svg = g_build_filename (dir, "cycles.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "cycles.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "cycles.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char *args[] = { "export", "--overlay", "cycles", "--output", pdf, NULL };
  const char *bad[] = { "export", "--overlay", "cycle", "--output", png, NULL };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const CcCompareChartLayout *l;

  g_assert_no_error (error);
  cc_chart_set_overlay (chart, CC_CHART_OVERLAY_CYCLES);
  copy = cc_chart_copy (chart);
  g_assert_cmpint (cc_chart_get_overlay (copy), ==, CC_CHART_OVERLAY_CYCLES);
  g_assert_true (cc_chart_export (copy, svg, CC_EXPORT_SVG, WIDTH, HEIGHT, 1, &error));
  g_assert_no_error (error);
  l = _cc_chart_get_cycle_layout (copy);
  g_assert_nonnull (l);
  assert_today (l);
  assert_episodes (l, FALSE);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_true (cc_chart_export (copy, png, CC_EXPORT_PNG, 800, 450, 2, &error));
  g_assert_no_error (error);
  {
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);

    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1600);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 900);
    cairo_surface_destroy (image);
  }

  /* The command line: on the bundled data, month-end paths, said on the page. */
  g_assert_cmpint (cc_test_run_chipcycle (NULL, NULL, NULL, &err, args), ==, 0);
  if (pdftotext == NULL)
    g_test_incomplete ("pdftotext not installed: the PDF's text is not checked");
  else
    {
      text = pdf_text (pdf);
      g_assert_true (pdf_says (text, "^SOX declines aligned at their peaks"));
      g_assert_true (pdf_says (text, "2000–02 dot-com bust −83.9% (month-end)"));
      g_assert_true (pdf_says (text, "2007–09 financial crisis −68.7% (month-end)"));
      g_assert_true (pdf_says (text, "2021–22 downturn −46.5% (month-end)"));
      g_assert_true (pdf_says (text, "Today −"));
      g_assert_true (pdf_says (text, "trading days since the peak"));
      g_assert_true (pdf_says (text, "Today: daily closes, partly reconstructed"));
    }
  g_assert_cmpint (cc_test_run_chipcycle (NULL, NULL, NULL, &err, bad), ==, 2);
  g_assert_nonnull (strstr (err, "--overlay: “cycle” is not cycles or none"));

  /* The numbers drawn, as the window's Export Data writes them from its chart (a copy, as the
   * export job takes) and as the command line does: one row per trading day since the peak. */
  {
    g_autofree char *csv_path = g_build_filename (dir, "cycles.csv", NULL);
    g_autofree char *written = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (csv_path);
    g_autoptr(CcDataset) bundled = load_bundled ();
    g_autoptr(CcChart) plain = cc_chart_new (bundled);
    const char *cli[] = { "export", "--overlay", "cycles", "--output", csv_path, NULL };

    g_assert_true (cc_chart_export_view_csv (copy, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv_path, &written, NULL, NULL));
    assert_cycles_csv (written, TRUE);
    g_clear_pointer (&written, g_free);

    /* The bundled data alone, from the command line: month-end between peak and trough. */
    g_assert_cmpint (cc_test_run_chipcycle (dir, NULL, NULL, &err, cli), ==, 0);
    g_assert_true (g_file_get_contents (csv_path, &written, NULL, NULL));
    assert_cycles_csv (written, FALSE);
    /* The same as the library writes for the same chart. */
    cc_chart_set_overlay (plain, CC_CHART_OVERLAY_CYCLES);
    {
      g_autofree char *same = cc_chart_view_csv (plain, NULL);

      g_assert_cmpstr (same, ==, written);
    }
    g_unlink (csv_path);
  }

  g_unlink (svg);
  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/cycles/daily-history", test_daily_history);
  g_test_add_func ("/chart/cycles/month-end", test_month_end);
  g_test_add_func ("/chart/cycles/export", test_export);
  g_test_add_func ("/chart/cycles/as-of", test_as_of);

  return g_test_run ();
}
