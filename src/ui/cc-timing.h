/* cc-timing.h: start-up and quit timings for bench/bench-startup, printed only when the
 * CHIPCYCLE_BENCH_TIMING environment variable is set. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Prints "chipcycle-timing PHASE MICROSECONDS" (CLOCK_MONOTONIC, comparable across processes)
 * to standard output when timing is on. */
void cc_timing_mark         (const char *phase);
/* Marks the first frame @window paints; with CHIPCYCLE_BENCH_QUIT_MS=N also activates
 * app.quit N ms after it, as a user pressing Ctrl+Q would. */
void cc_timing_watch_window (GtkWindow  *window);

G_END_DECLS
