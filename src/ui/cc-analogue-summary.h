/* cc-analogue-summary.h: the analogues in a few lines for the side panel: per event its low
 * after day 0 and when it was back at the t-1 close, and where today sits against the median
 * path. It shows the set the Analogues view computed. */
#pragma once

#include <adwaita.h>

#include "cc-analogue.h"

G_BEGIN_DECLS

#define CC_TYPE_ANALOGUE_SUMMARY (cc_analogue_summary_get_type ())
G_DECLARE_FINAL_TYPE (CcAnalogueSummary, cc_analogue_summary, CC, ANALOGUE_SUMMARY,
                      AdwPreferencesGroup)

CcAnalogueSummary *cc_analogue_summary_new      (void);
/* Shows @set (NULL: nothing to show, with @problem saying why, may be NULL). Nothing of @set
 * is kept. */
void               cc_analogue_summary_update   (CcAnalogueSummary   *self,
                                                 const CcAnalogueSet *set,
                                                 const char          *problem);
/* As shown, for tests: a GPtrArray of GStrv (event, low, back at t-1), the headings first. */
GPtrArray         *cc_analogue_summary_get_rows (CcAnalogueSummary   *self);
/* The "where today sits" line, or "" when there is none. */
const char        *cc_analogue_summary_get_now  (CcAnalogueSummary   *self);

G_END_DECLS
