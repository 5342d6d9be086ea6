/* bench-panel.c: how fast the side panel follows the chart on the bundled dataset.
 *
 *   assessor         building the assessment's snapshot of the data (once per data or rules
 *                    change)
 *   evaluate         the verdict for one as-of date (every as-of move)
 *   timeline         every trading day's verdict (once per data or rules change, in a thread)
 *   analysis         the event study and history for one event (every event or as-of change)
 *   panel, event     the whole panel update after selecting an event: the analysis, the
 *                    verdict and every card's widgets rebuilt (what runs before the frame)
 *   panel, as-of     the same after moving the as-of date by one session
 *
 * The panel rows need a display (run under Xvfb); without one they are skipped. Prints CPU
 * median, p95 and wall median. A benchmark, never a test.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cc-analysis.h"
#include "cc-assessment.h"
#include "cc-bundled-dataset.h"
#include "cc-side-panel.h"

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
  printf ("%-22s %4u runs  CPU median %8.3f ms  p95 %8.3f ms  |  wall median %8.3f ms\n",
          name, n, ms[n / 2], ms[(guint) (n * 0.95)], wall[n / 2]);
}

#define TIME(name, runs, body)                                                          \
  G_STMT_START {                                                                        \
    g_autofree double *ms_ = g_new (double, (runs));                                    \
    g_autofree double *wall_ = g_new (double, (runs));                                  \
    for (guint i_ = 0; i_ < (runs); i_++)                                               \
      {                                                                                 \
        double c0_ = cpu_ms ();                                                         \
        gint64 t0_ = g_get_monotonic_time ();                                           \
        body;                                                                           \
        ms_[i_] = cpu_ms () - c0_;                                                      \
        wall_[i_] = (g_get_monotonic_time () - t0_) / 1000.0;                           \
      }                                                                                 \
    report ((name), ms_, wall_, (runs));                                                \
  } G_STMT_END

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  g_autoptr(CcAssessor) assessor = NULL;
  CcSeries *sox;
  GPtrArray *events;
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 30;
  CcDate last;

  gtk_disable_setlocale ();
  dataset = cc_bundled_dataset_new (&error);
  if (dataset == NULL)
    {
      fprintf (stderr, "bench-panel: %s\n", error->message);
      return 1;
    }
  sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  last = cc_series_get_last (sox)->date;
  events = cc_dataset_get_events (dataset);

  TIME ("assessor", runs, {
    CcAssessor *a = cc_assessor_new (dataset, rules);
    cc_assessor_unref (a);
  });
  assessor = cc_assessor_new (dataset, rules);
  TIME ("evaluate", runs * 4, {
    CcDate day = cc_series_get_point (sox, cc_series_get_n_points (sox) - 1 - i_ % 200)->date;
    cc_assessment_free (cc_assessor_evaluate (assessor, day));
  });
  TIME ("timeline (a year)", runs, {
    cc_timeline_free (cc_assessor_timeline (assessor, CC_DATE_INVALID, CC_DATE_INVALID));
  });
  TIME ("analysis (one event)", runs, {
    CcEvent *e = g_ptr_array_index (events, i_ % events->len);
    cc_analysis_free (cc_analysis_new (dataset, cc_event_get_date (e), last, NULL, rules));
  });

  if (!gtk_init_check ())
    {
      printf ("panel: skipped (no display; run under Xvfb)\n");
      return 0;
    }
  adw_init ();
  {
    GtkWidget *window = adw_window_new ();
    CcSidePanel *panel = cc_side_panel_new ();

    gtk_window_set_default_size (GTK_WINDOW (window), 340, 800);
    adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
    cc_side_panel_set_dataset (panel, dataset);
    gtk_window_present (GTK_WINDOW (window));
    cc_side_panel_update_now (panel);
    iterate ();

    TIME ("panel, event", runs, {
      cc_side_panel_set_event (panel, g_ptr_array_index (events, i_ % events->len));
      cc_side_panel_update_now (panel);
    });
    TIME ("panel, as-of", runs, {
      CcDate day = cc_series_get_point (sox, cc_series_get_n_points (sox) - 2 - i_ % 100)->date;
      cc_side_panel_set_as_of (panel, day);
      cc_side_panel_update_now (panel);
    });
    /* The update plus what GTK then does in the frame for the panel: measure and allocate
     * the new widgets, and record their drawing (not the GPU's part). */
    TIME ("panel, event + layout", runs, {
      int w = gtk_widget_get_width (GTK_WIDGET (panel));
      int h = gtk_widget_get_height (GTK_WIDGET (panel));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GdkPaintable *paintable = gtk_widget_paintable_new (GTK_WIDGET (panel));
      GskRenderNode *node;

      cc_side_panel_set_event (panel, g_ptr_array_index (events, i_ % events->len));
      cc_side_panel_update_now (panel);
      gtk_widget_measure (GTK_WIDGET (panel), GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL,
                          NULL);
      gtk_widget_size_allocate (GTK_WIDGET (panel), &(GtkAllocation) { 0, 0, w, h }, -1);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node)
        gsk_render_node_unref (node);
      g_object_unref (paintable);
    });
    gtk_window_destroy (GTK_WINDOW (window));
    iterate ();
  }
  return 0;
}
