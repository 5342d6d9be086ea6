/* bench-startup-floor.c: the least a libadwaita window costs to start on this machine.
 *
 * An AdwApplicationWindow of Chip Cycle's default size holding a header bar and one label,
 * with the same timing marks as the app (src/ui/cc-timing.c), so bench/bench-startup and
 * bench/compare-startup.py can run it beside chipcycle. What it takes from exec to its first
 * frame is GTK's and libadwaita's own start-up (loading the libraries, opening the display,
 * preparing OpenGL, the theme, the fonts): no window built on them starts sooner. It prints no
 * `startup` mark: a handler connected to GApplication::startup runs after GTK's own start-up,
 * where the app's mark comes before it. */
#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void
mark (const char *phase)
{
  struct timespec cpu = { 0, 0 };

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  printf ("chipcycle-timing %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", phase,
          g_get_monotonic_time (), (gint64) cpu.tv_sec * 1000000 + cpu.tv_nsec / 1000);
  fflush (stdout);
}

static gboolean
quit_cb (gpointer user_data)
{
  mark ("quit");
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  const char *quit_ms = g_getenv ("CHIPCYCLE_BENCH_QUIT_MS");

  mark ("first-frame");
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  g_timeout_add (quit_ms != NULL ? atoi (quit_ms) : 1000, quit_cb, user_data);
}

static void
realize_cb (GtkWidget *widget,
            gpointer   user_data)
{
  mark ("realized");
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), user_data);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window, *box;

  mark ("activate");
  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Chip Cycle"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  mark ("window-created");
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  mark ("main");
  app = adw_application_new ("org.example.ChipCycleStartupFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
