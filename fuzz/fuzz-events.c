/* fuzz-events.c: libFuzzer target for the events file (src/data/cc-events-file.c), with a
 * round-trip check: whatever loads is written, loads back equal and is written again byte for
 * byte the same; anything else aborts. */
#include "config.h"

#include <string.h>

#include "cc-events-file.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  GPtrArray *events;

  events = cc_events_from_json_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  g_assert ((events != NULL) != (error != NULL));
  if (events != NULL)
    {
      gsize length, length2;
      char *text = cc_events_to_json_data (events, &length, &error);
      GPtrArray *again;
      char *text2;

      /* What the reader accepts, the writer writes... */
      g_assert_no_error (error);
      /* ...and the reader reads back as it was. */
      again = cc_events_from_json_data (text, (gssize) length, "again.json", &error);
      g_assert_no_error (error);
      g_assert (again != NULL && again->len == events->len);
      for (guint i = 0; i < events->len; i++)
        g_assert (cc_event_equal (g_ptr_array_index (events, i), g_ptr_array_index (again, i)));
      text2 = cc_events_to_json_data (again, &length2, &error);
      g_assert_no_error (error);
      g_assert (length2 == length && memcmp (text, text2, length) == 0);

      g_free (text2);
      g_ptr_array_unref (again);
      g_free (text);
      g_ptr_array_unref (events);
    }
  else
    g_assert (g_utf8_validate (error->message, -1, NULL) &&
              g_str_has_prefix (error->message, "fuzz.json"));
  g_clear_error (&error);
  return 0;
}
