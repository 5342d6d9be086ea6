/* fuzz-events.c: libFuzzer target for the events JSON parser of the model. */
#include "config.h"

#include "cc-event.h"

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
      gsize length;
      char *text = cc_events_to_json_data (events, &length);
      GPtrArray *again = cc_events_from_json_data (text, (gssize) length, "again.json", &error);

      /* Saved events always load again. */
      g_assert_no_error (error);
      g_assert (again != NULL && again->len == events->len);
      g_ptr_array_unref (again);
      g_free (text);
      g_ptr_array_unref (events);
    }
  g_clear_error (&error);
  return 0;
}
