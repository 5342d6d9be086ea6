/* cc-monitor-card.h: the side panel's monitors fed by reported numbers: one card per monitor
 * with a small quarterly chart, the latest value and its change, the filing it came from, the
 * sentence it reads, and the fetch time (with a Stale badge when old). CcMonitorCards fetches
 * all four from SEC EDGAR in a worker thread; without a contact the cards say where they would
 * get their numbers and offer the contact dialog (app.edgar-contact). */
#pragma once

#include <gtk/gtk.h>

#include "cc-assessment.h"
#include "cc-event.h"
#include "cc-monitors.h"

G_BEGIN_DECLS

#define CC_TYPE_MONITOR_CARDS (cc_monitor_cards_get_type ())
G_DECLARE_FINAL_TYPE (CcMonitorCards, cc_monitor_cards, CC, MONITOR_CARDS, GtkBox)

/* Fetched figures older than this are marked stale (a week: companies file quarterly). */
#define CC_MONITOR_STALE_SECONDS (7 * 24 * 3600)

/* Reads edgar-contact, edgar-data-url and edgar-www-url from @settings, and fetches again
 * when they change. @cache_dir as for cc_edgar_client_new(). */
GtkWidget  *cc_monitor_cards_new            (GSettings      *settings,
                                             const char     *cache_dir);
/* Fetches again (cached replies are reused). */
void        cc_monitor_cards_refresh        (CcMonitorCards *self);
/* What a card shows, as text: its value ("$125.0 bn"), change, source line, sentence and
 * fetch line; NULL before data. For tests and screen readers. */
char       *cc_monitor_cards_describe       (CcMonitorCards *self,
                                             CcMonitor       monitor);
/* The figures on show (NULL before any); "reported-changed" is emitted when they change. */
CcReportedMonitors *cc_monitor_cards_get_reported (CcMonitorCards *self);
/* The assessment the side panel shows: where a rule on a monitor's figures matched, its card
 * says what it adds to the assessment (the rule's sentences) instead of its own reading. NULL
 * forgets it. @assessment is read now, not kept. */
void        cc_monitor_cards_set_assessment (CcMonitorCards *self,
                                             CcAssessment   *assessment);
/* Whether a fetch is running. */
gboolean    cc_monitor_cards_is_busy        (CcMonitorCards *self);

G_END_DECLS
