/* cc-application.h: the Chip Cycle application: one dataset, the settings, the app actions. */
#pragma once

#include <adwaita.h>

#include "cc-dataset.h"
#include "cc-edgar-store.h"
#include "cc-refresher.h"

G_BEGIN_DECLS

#define CC_TYPE_APPLICATION (cc_application_get_type ())
G_DECLARE_FINAL_TYPE (CcApplication, cc_application, CC, APPLICATION, AdwApplication)

CcApplication *cc_application_new              (void);
/* The dataset every window shows: the bundled offline data plus the user's own events. Loaded
 * on first use. */
CcDataset     *cc_application_get_dataset      (CcApplication *self);
GSettings     *cc_application_get_settings     (CcApplication *self);
/* Fetches live data into the dataset and keeps it in the on-disk cache. */
CcRefresher   *cc_application_get_refresher    (CcApplication *self);
/* Each company's SEC filings for the chart (see cc-edgar-store.h). */
CcEdgarStore *cc_application_get_edgar_store (CcApplication *self);
/* Where the user's own events live: $XDG_DATA_HOME/chipcycle/events.json. */
GFile         *cc_application_get_user_events_file (void);

G_END_DECLS
