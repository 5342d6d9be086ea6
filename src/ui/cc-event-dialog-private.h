/* cc-event-dialog-private.h: the event dialog's fields and state, for the ui tests. */
#pragma once

#include "cc-event-dialog.h"

G_BEGIN_DECLS

/* Whether Save is possible now: every field is valid. */
gboolean _cc_event_dialog_can_save    (CcEventDialog  *self);
/* The title and date rows, the label saying what is wrong, and the date picker. */
void     _cc_event_dialog_get_widgets (CcEventDialog  *self,
                                       GtkWidget     **title_row,
                                       GtkWidget     **date_row,
                                       GtkWidget     **message,
                                       GtkCalendar   **calendar);

G_END_DECLS
