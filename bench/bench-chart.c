/* bench-chart.c: frame times of the chart renderer at 1600x900 into a Cairo image surface.
 *
 *   default      the default view of the bundled dataset (4 lines, one year daily, events):
 *                a redraw at an unchanged size, and full frames (the size changes every
 *                frame) as the window draws them (fast antialiasing) and as exports do
 *   16x1M        16 series of 1,000,000 points each, drawn as min/max per pixel column
 *
 * Prints the median, 95th percentile and worst frame of each. A benchmark, never a test: run
 * it on a quiet machine (`meson compile -C BUILD bench-chart && BUILD/bench/bench-chart`).
 */
#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cc-bundled-dataset.h"
#include "cc-chart.h"
#include "cc-dataset.h"

#define WIDTH  1600
#define HEIGHT 900

/* CPU time of this thread: on a shared machine wall time also counts the other processes. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        double     *ms,
        double     *wall,
        guint       n)
{
  qsort (ms, n, sizeof (double), compare_doubles);
  qsort (wall, n, sizeof (double), compare_doubles);
  printf ("%-26s %4u frames  CPU median %7.3f ms  p95 %7.3f ms  |  wall median %7.3f ms\n",
          name, n, ms[n / 2], ms[(guint) (n * 0.95)], wall[n / 2]);
}

/* Draws @frames frames; with @relayout the width alternates by one pixel so every frame lays
 * the figure out again (the window being resized). @antialias is what the caller sets: the
 * window draws its figure with CAIRO_ANTIALIAS_FAST, exports with the default. */
static void
run (const char       *name,
     CcChart          *chart,
     guint             frames,
     gboolean          relayout,
     cairo_antialias_t antialias)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *wall = g_new (double, frames);

  for (guint i = 0; i < frames + 3; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t0, t1;

      cairo_set_antialias (cr, antialias);
      double c0, c1;
      double w = relayout && (i % 2) ? WIDTH - 1 : WIDTH;

      t0 = g_get_monotonic_time ();
      c0 = cpu_ms ();
      cc_chart_draw (chart, cr, w, HEIGHT);
      cairo_surface_flush (surface);
      c1 = cpu_ms ();
      t1 = g_get_monotonic_time ();
      cairo_destroy (cr);
      /* The first frames prepare the series and warm caches: not a redraw. */
      if (i >= 3)
        {
          ms[i - 3] = c1 - c0;
          wall[i - 3] = (t1 - t0) / 1000.0;
        }
    }
  report (name, ms, wall, frames);
  cairo_surface_destroy (surface);
}

/* The layout pass alone (text measured, ticks and labels placed), sizes alternating. */
static void
run_layout (const char *name,
            CcChart    *chart,
            guint       frames)
{
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *wall = g_new (double, frames);

  for (guint i = 0; i < frames; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_ms ();
      CcChartLayout *layout = cc_chart_layout (chart, (i % 2) ? WIDTH - 1 : WIDTH, HEIGHT);

      ms[i] = cpu_ms () - c0;
      wall[i] = (g_get_monotonic_time () - t0) / 1000.0;
      cc_chart_layout_free (layout);
    }
  report (name, ms, wall, frames);
}

static CcDataset *
big_dataset (guint n_series,
             guint n_points,
             char ***items)
{
  CcDataset *dataset = cc_dataset_new ();
  CcDate start = cc_date_from_ymd (1990, 1, 1);
  GPtrArray *names = g_ptr_array_new ();

  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *symbol = g_strdup_printf ("S%02u", s);
      g_autoptr(CcSeries) series = cc_series_new (symbol, CC_LEVEL_PRICE);
      double v = 100;
      guint32 seed = 12345 + s;

      for (guint i = 0; i < n_points; i++)
        {
          /* A deterministic random walk (LCG): prices with realistic noise. */
          seed = seed * 1664525u + 1013904223u;
          v *= 1.0 + ((seed >> 8) / 16777216.0 - 0.5) * 0.004;
          cc_series_append (series, start + i, v,
                            i < n_points / 2 ? CC_PROVENANCE_RECONSTRUCTED
                                             : CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE);
        }
      cc_dataset_set_series (dataset, series);
      g_ptr_array_add (names, g_strdup (symbol));
    }
  g_ptr_array_add (names, NULL);
  *items = (char **) g_ptr_array_free (names, FALSE);
  return dataset;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) bundled = NULL;
  g_autoptr(CcChart) chart = NULL;
  g_autoptr(CcDataset) big = NULL;
  g_autoptr(CcChart) big_chart = NULL;
  g_auto(GStrv) items = NULL;
  guint n_points = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  gint64 t0;

  setlocale (LC_ALL, "");

  bundled = cc_bundled_dataset_new (&error);
  if (bundled == NULL)
    {
      fprintf (stderr, "bench-chart: %s\n", error->message);
      return 1;
    }
  chart = cc_chart_new (bundled);
  run ("default, redraw", chart, 300, FALSE, CAIRO_ANTIALIAS_FAST);
  run ("default, window frame", chart, 200, TRUE, CAIRO_ANTIALIAS_FAST);
  run ("default, export frame", chart, 200, TRUE, CAIRO_ANTIALIAS_DEFAULT);
  run_layout ("default, layout only", chart, 200);
  cc_chart_set_theme (chart, CC_CHART_THEME_DARK);
  cc_chart_set_time_axis (chart, CC_CHART_AXIS_TRADING_DAYS);
  run ("trading days dark, redraw", chart, 300, FALSE, CAIRO_ANTIALIAS_FAST);
  run ("trading days dark, window", chart, 200, TRUE, CAIRO_ANTIALIAS_FAST);

  t0 = g_get_monotonic_time ();
  big = big_dataset (16, n_points, &items);
  printf ("%-28s %.0f ms (16 x %u points, not part of a frame)\n", "build dataset",
          (g_get_monotonic_time () - t0) / 1000.0, n_points);
  big_chart = cc_chart_new (big);
  cc_chart_set_items (big_chart, (const char * const *) items);
  cc_chart_set_event (big_chart, NULL);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    cairo_t *cr = cairo_create (surface);

    /* Rebasing 16M points and building the min/max pyramids happens once per change of the
     * chart's description (data, mode, range), not per frame. */
    t0 = g_get_monotonic_time ();
    cc_chart_draw (big_chart, cr, WIDTH, HEIGHT);
    printf ("%-28s %.0f ms (once per change of data, mode or range)\n", "16x1M prepare + 1st frame",
            (g_get_monotonic_time () - t0) / 1000.0);
    cairo_destroy (cr);
    if (argc > 2)
      cairo_surface_write_to_png (surface, argv[2]);
    cairo_surface_destroy (surface);
  }
  run ("16x1M, redraw", big_chart, 60, FALSE, CAIRO_ANTIALIAS_FAST);
  run ("16x1M, window frame", big_chart, 40, TRUE, CAIRO_ANTIALIAS_FAST);
  run ("16x1M, export frame", big_chart, 40, TRUE, CAIRO_ANTIALIAS_DEFAULT);
  run_layout ("16x1M, layout only", big_chart, 40);
  return 0;
}
