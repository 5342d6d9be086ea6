/* cc-application-private.h: what the window takes from the application once. */
#pragma once

#include "cc-application.h"

G_BEGIN_DECLS

/* The reason the user's events file could not be read at startup (it was kept aside), or NULL.
 * The caller owns the error; later calls return NULL. */
GError *_cc_application_take_user_events_error (CcApplication *self);

G_END_DECLS
