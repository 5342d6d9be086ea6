/* cc-edgar-monitors.h: fetches what the four monitors need from SEC EDGAR (blocking: call it
 * from a worker thread or the command line) and builds them (cc-monitors.h). */
#pragma once

#include "cc-edgar-client.h"
#include "cc-monitors.h"

G_BEGIN_DECLS

/* The companies of each monitor. */
extern const char * const cc_edgar_capex_symbols[];   /* META MSFT GOOGL AMZN ORCL */
extern const char * const cc_edgar_miner_symbols[];   /* IREN CORZ WULF */
#define CC_EDGAR_MEMORY_SYMBOL "MU"
#define CC_EDGAR_AI_SYMBOL     "NVDA"

/* Every monitor that could be built; what failed for one company is in ->problems. NULL with
 * an error only when nothing can be asked (no contact) or @cancellable fired. @today: the
 * last day whose filings count (CC_DATE_INVALID: today). */
CcReportedMonitors *cc_edgar_fetch_monitors (CcEdgarClient *client,
                                     CcDate         today,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
