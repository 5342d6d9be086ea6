/* cc-events-file.h: the events JSON file (data/dataset/EVENTS-FORMAT.md): reading, writing,
 * saving atomically and setting a damaged file aside. */
#pragma once

#include <gio/gio.h>

#include "cc-event.h"

G_BEGIN_DECLS

/* Events JSON: {"version": 1, "events": [ {...}, ... ]}. Errors (CC_EVENT_ERROR) name
 * @source_name and, for syntax errors, the line and column; for invalid fields, the event's
 * index and the field. Every string is checked on the way in as on the way out (valid UTF-8, no
 * control characters), so whatever this reads, cc_events_to_json_data() writes and this reads
 * back identically. */
GPtrArray        *cc_events_from_json_data  (const char       *data,
                                             gssize            length,
                                             const char       *source_name,
                                             GError          **error);
GPtrArray        *cc_events_load_file       (GFile            *file,
                                             GError          **error);
/* NULL, with a CC_EVENT_ERROR_INVALID error naming the event and the field, when a string could
 * not be read back (invalid UTF-8, a control character). */
char             *cc_events_to_json_data    (GPtrArray        *events,
                                             gsize            *length,
                                             GError          **error);
/* Writes atomically (a temporary file renamed over the old one); cancelled, it leaves the old
 * file as it was. */
gboolean          cc_events_save_file       (GPtrArray        *events,
                                             GFile            *file,
                                             GCancellable     *cancellable,
                                             GError          **error);
/* Moves a file that failed to load out of the way (to NAME.corrupt, NAME.corrupt-2, …) so that a
 * later save cannot overwrite what the user wrote. Returns the new file. */
GFile            *cc_events_keep_aside      (GFile            *file,
                                             GError          **error);

G_END_DECLS
