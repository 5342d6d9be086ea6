/* cc-event-dialog.h: adds or edits one of the user's events. */
#pragma once

#include <adwaita.h>

#include "cc-event.h"

G_BEGIN_DECLS

#define CC_TYPE_EVENT_DIALOG (cc_event_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcEventDialog, cc_event_dialog, CC, EVENT_DIALOG, AdwWindow)

/* Edits a copy of @event, or a new event on @date when @event is NULL. Emits ::saved with the
 * edited event when the user saves; the caller stores it. */
CcEventDialog *cc_event_dialog_new       (GtkWindow     *parent,
                                          CcEvent       *event,
                                          CcDate         date);
/* The event as currently entered, or NULL with @error naming the field that is wrong. */
CcEvent       *cc_event_dialog_get_event (CcEventDialog *self,
                                          GError       **error);

G_END_DECLS
