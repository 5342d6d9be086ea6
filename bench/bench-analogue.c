/* bench-analogue.c: lining up 20 events on 30 years of daily data and drawing them.
 * Target (DESIGN.md): under 20 ms for both together.
 *
 *   bench-analogue [ITERATIONS]
 *
 * The data: a deterministic random walk on every NYSE trading day from 1995-01-03 to
 * 2025-12-31 (about 7,800 closes) for the item and another for ^SOX, so the market model of each
 * event is fitted (the costly part of the table). Only the speed is measured, not the numbers.
 * Prints, per scenario, the median and 95th percentile of the thread CPU time and the wall-clock
 * median (the machine is shared: wall time counts other processes too). */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cc-analogue.h"
#include "cc-compare-chart.h"

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static CcSeries *
random_walk (const char *symbol,
             guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  CcSeries *s = cc_series_new (symbol, CC_LEVEL_PRICE);
  CcDate d = cc_calendar_trading_day_on_or_after (cc_date_from_ymd (1995, 1, 3));
  CcDate end = cc_date_from_ymd (2025, 12, 31);
  double close = 100;

  for (; d <= end; d = cc_calendar_next_trading_day (d))
    {
      close *= 1 + g_rand_double_range (rand, -0.03, 0.031);
      cc_series_append (s, d, close, CC_PROVENANCE_OBSERVED, 0);
    }
  return s;
}

typedef struct {
  const char *name;
  int         last;       /* the window's end */
  gboolean    draw;
  gboolean    compute;
} Scenario;

int
main (int    argc,
      char **argv)
{
  guint iterations = argc > 1 ? (guint) atoi (argv[1]) : 30;
  g_autoptr(CcSeries) item = random_walk ("MU", 1);
  g_autoptr(CcSeries) market = random_walk ("^SOX", 2);
  CcDate dates[20];
  const Scenario scenarios[] = {
    { "line up 20 events, t-20..t+60", 60, FALSE, TRUE },
    { "draw them at 1600x900", 60, TRUE, FALSE },
    { "line up and draw, t-20..t+60", 60, TRUE, TRUE },
    { "line up and draw, t-20..t+250", 250, TRUE, TRUE },
  };

  if (iterations == 0)
    iterations = 1;
  /* One event every 18 months from 1996. */
  for (guint e = 0; e < G_N_ELEMENTS (dates); e++)
    dates[e] = cc_date_add_months (cc_date_from_ymd (1996, 3, 14), 18 * (int) e);
  printf ("%u closes per series, %u events\n", cc_series_get_n_points (item),
          (guint) G_N_ELEMENTS (dates));

  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      const Scenario *sc = &scenarios[s];
      CcAnalogueWindow window = { -20, sc->last };
      g_autofree double *cpu = g_new (double, iterations);
      g_autofree double *wall = g_new (double, iterations);
      g_autoptr(CcAnalogueSet) ready = cc_analogue_set_compute (item, market, "MU", dates, NULL,
                                                                G_N_ELEMENTS (dates), &window,
                                                                CC_DATE_INVALID);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
      CcCompareChartOptions options;

      cc_compare_chart_options_init (&options);
      options.selected = 3;
      for (guint i = 0; i < iterations; i++)
        {
          double c0 = cpu_ms (), w0 = wall_ms ();
          g_autoptr(CcAnalogueSet) set = NULL;

          if (sc->compute)
            set = cc_analogue_set_compute (item, market, "MU", dates, NULL,
                                           G_N_ELEMENTS (dates), &window, CC_DATE_INVALID);
          if (sc->draw)
            {
              cairo_t *cr = cairo_create (surface);

              cc_compare_chart_draw (cr, set ? set : ready, &options, 1600, 900, NULL);
              cairo_destroy (cr);
              cairo_surface_flush (surface);
            }
          cpu[i] = cpu_ms () - c0;
          wall[i] = wall_ms () - w0;
        }
      cairo_surface_destroy (surface);
      qsort (cpu, iterations, sizeof (double), compare_doubles);
      qsort (wall, iterations, sizeof (double), compare_doubles);
      printf ("%-34s CPU median %8.3f ms  p95 %8.3f ms  wall median %8.3f ms  (n=%u)\n",
              sc->name, cpu[iterations / 2], cpu[MIN (iterations - 1,
                                                      (guint) (iterations * 0.95))],
              wall[iterations / 2], iterations);
    }
  return 0;
}
