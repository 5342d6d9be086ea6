/* bench-assessment.c: how long the phase and scenario assessment takes on the bundled data.
 * Targets: the whole timeline for a year under 100 ms, and one evaluation well inside a frame
 * (16 ms) so the side panel follows the chart's as-of date.
 *
 *   bench-assessment [ITERATIONS]
 *
 * Prints, per scenario, the median and 95th percentile of the thread CPU time (the machine is
 * shared: wall time also counts other processes) and the wall-clock median. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cc-analysis.h"
#include "cc-assessment.h"
#include "cc-bundled-dataset.h"

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct {
  double *cpu;
  double *wall;
  guint   n;
} Samples;

static void
report (const char *name,
        Samples    *s)
{
  qsort (s->cpu, s->n, sizeof (double), compare_doubles);
  qsort (s->wall, s->n, sizeof (double), compare_doubles);
  printf ("%-44s CPU median %8.3f ms  p95 %8.3f ms  wall median %8.3f ms  (n=%u)\n", name,
          s->cpu[s->n / 2], s->cpu[(guint) (s->n * 0.95)], s->wall[s->n / 2], s->n);
}

int
main (int    argc,
      char **argv)
{
  guint iterations = argc > 1 ? (guint) atoi (argv[1]) : 50;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  g_autoptr(CcRules) rules = NULL;
  g_autoptr(CcAssessor) assessor = NULL;
  CcSeries *sox;
  guint n_days;
  Samples s;

  if (iterations < 5)
    iterations = 5;
  dataset = cc_bundled_dataset_new (&error);
  if (dataset == NULL)
    {
      g_printerr ("bench-assessment: %s\n", error->message);
      return 1;
    }
  rules = cc_rules_new_builtin ();
  sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  n_days = cc_series_get_n_points (sox);
  printf ("Bundled data: %u ^SOX trading days, %u events, %u rules\n", n_days,
          cc_dataset_get_events (dataset)->len, cc_rules_get_n_rules (rules));

  s.cpu = g_new (double, iterations * 8);
  s.wall = g_new (double, iterations * 8);

#define MEASURE(name, count, body) G_STMT_START {                         \
    s.n = 0;                                                              \
    for (guint it = 0; it < (count); it++)                                \
      {                                                                   \
        double c0 = cpu_ms ();                                            \
        gint64 w0 = g_get_monotonic_time ();                              \
        body;                                                             \
        s.cpu[s.n] = cpu_ms () - c0;                                      \
        s.wall[s.n++] = (g_get_monotonic_time () - w0) / 1e3;             \
      }                                                                   \
    report (name, &s);                                                    \
  } G_STMT_END

  MEASURE ("snapshot (cc_assessor_new)", iterations, {
    g_autoptr(CcAssessor) a = cc_assessor_new (dataset, rules);
  });

  assessor = cc_assessor_new (dataset, rules);
  /* The panel following the chart: a different as-of day each time, full sentences. */
  MEASURE ("one evaluation, snapshot reused", iterations * 8, {
    CcDate day = cc_series_get_point (sox, (it * 37) % n_days)->date;
    g_autoptr(CcAssessment) a = cc_assessor_evaluate (assessor, day);
  });
  MEASURE ("one evaluation from scratch (one-shot)", iterations, {
    CcDate day = cc_series_get_point (sox, (it * 37) % n_days)->date;
    g_autoptr(CcAssessment) a = cc_assessment_evaluate (dataset, rules, day);
  });
  MEASURE ("timeline, every day of the year", iterations, {
    g_autoptr(CcTimeline) t = cc_assessor_timeline (assessor, CC_DATE_INVALID,
                                                    CC_DATE_INVALID);
  });
  MEASURE ("timeline, snapshot included", iterations, {
    g_autoptr(CcAssessor) a = cc_assessor_new (dataset, rules);
    g_autoptr(CcTimeline) t = cc_assessor_timeline (a, CC_DATE_INVALID, CC_DATE_INVALID);
  });
  /* For comparison: evaluating each day on its own, as a naive timeline would. */
  MEASURE ("every day evaluated one by one", 5, {
    for (guint k = 0; k < n_days; k++)
      {
        g_autoptr(CcAssessment) a = cc_assessor_evaluate (assessor,
                                                          cc_series_get_point (sox, k)->date);
      }
  });
  MEASURE ("whole analysis (event study + assessment)", iterations, {
    g_autoptr(CcAnalysis) a = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                                               cc_date_from_ymd (2026, 10, 5), NULL, rules);
  });

  g_free (s.cpu);
  g_free (s.wall);
  return 0;
}
