/* fuzz-provider.h: the body every provider reply fuzzer shares. A target names its parser and
 * the HTTP statuses that steer its error classification, and includes this file. */
#pragma once

#include "config.h"

#include "cc-provider.h"

typedef CcSeries *(*FuzzParseFunc) (const char  *symbol,
                                    guint        http_status,
                                    const char  *data,
                                    gsize        length,
                                    GError     **error);

/* Parses @data as the reply of one of @statuses (chosen by the size), and checks that the
 * parser gives exactly one of a series with points or an error. */
static inline int
fuzz_provider_reply (FuzzParseFunc  parse,
                     const guint   *statuses,
                     guint          n_statuses,
                     const guint8  *data,
                     size_t         size)
{
  GError *error = NULL;
  CcSeries *series;

  series = parse ("FUZZ", statuses[size % n_statuses], (const char *) data, size, &error);
  g_assert ((series != NULL) != (error != NULL));
  if (series != NULL)
    {
      g_assert (cc_series_get_n_points (series) > 0);
      g_object_unref (series);
    }
  g_clear_error (&error);
  return 0;
}
