/* cc-bench.c: CHIPCYCLE_BENCH_PLAIN, a comma-separated list of the speed tricks that bench/
 * turns off to measure what each saves (see bench/README.md). */
#define G_LOG_DOMAIN "cc-bench"

#include "config.h"

#include "cc-bench.h"

/* TRUE if CHIPCYCLE_BENCH_PLAIN names @trick: then the plain way is taken instead. */
gboolean
cc_bench_plain (const char *trick)
{
  static char **plain = NULL;
  static gsize once = 0;

  g_return_val_if_fail (trick != NULL, FALSE);

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("CHIPCYCLE_BENCH_PLAIN");

      plain = g_strsplit (env ? env : "", ",", -1);
      g_once_init_leave (&once, 1);
    }
  return g_strv_contains ((const char * const *) plain, trick);
}
