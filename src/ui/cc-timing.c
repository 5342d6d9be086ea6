/* cc-timing.c: start-up and quit timings for bench/bench-startup (see bench/README.md). */
#define G_LOG_DOMAIN "cc-timing"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cc-timing.h"

static gboolean
timing_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_getenv ("CHIPCYCLE_BENCH_TIMING") != NULL;
  return enabled;
}

void
cc_timing_mark (const char *phase)
{
  struct timespec cpu = { 0, 0 };

  if (!timing_enabled ())
    return;
  /* The process's CPU time too (all threads): on a loaded machine wall time mostly measures
   * the other processes. */
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  printf ("chipcycle-timing %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", phase,
          g_get_monotonic_time (), (gint64) cpu.tv_sec * 1000000 + cpu.tv_nsec / 1000);
  fflush (stdout);
}

static void
at_exit (void)
{
  cc_timing_mark ("exit");
}

static gboolean
quit_cb (gpointer user_data)
{
  GApplication *app = g_application_get_default ();

  cc_timing_mark ("quit");
  atexit (at_exit);
  if (app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  const char *quit_ms = g_getenv ("CHIPCYCLE_BENCH_QUIT_MS");

  cc_timing_mark ("first-frame");
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  if (quit_ms != NULL)
    g_timeout_add (atoi (quit_ms), quit_cb, NULL);
}

static void
realize_cb (GtkWidget *widget,
            gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  cc_timing_mark ("realized");
  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

void
cc_timing_watch_window (GtkWindow *window)
{
  if (!timing_enabled ())
    return;
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}
