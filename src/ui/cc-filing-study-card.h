/* cc-filing-study-card.h: the side panel's event study over a company's filings: pick a
 * company, a kind of filing (its results, say) and how many of the latest event days, and it
 * reads the filings from SEC EDGAR in a worker thread and shows the mean CAR of each window
 * with its cross-sectional t, the number of events, and one row per event: the numbers of
 * `chipcycle analyze --filings SYMBOL --kind KIND --last N`. Without a contact it says so and
 * offers the contact dialog (app.edgar-contact), and asks nothing of EDGAR. */
#pragma once

#include <gtk/gtk.h>

#include "cc-chart.h"
#include "cc-dataset.h"

G_BEGIN_DECLS

#define CC_TYPE_FILING_STUDY_CARD (cc_filing_study_card_get_type ())
G_DECLARE_FINAL_TYPE (CcFilingStudyCard, cc_filing_study_card, CC, FILING_STUDY_CARD, GtkBox)

/* Reads edgar-contact, edgar-data-url and edgar-www-url from @settings at each study.
 * @cache_dir as for cc_edgar_client_new(). */
GtkWidget *cc_filing_study_card_new         (GSettings          *settings,
                                             const char         *cache_dir);
/* The prices studied, the day the data ends (CC_DATE_INVALID: the last ^SOX close) and the
 * chart's items, whose plain tickers the company selector offers (NULL: every ticker). */
void       cc_filing_study_card_set_dataset (CcFilingStudyCard  *self,
                                             CcDataset          *dataset);
void       cc_filing_study_card_set_as_of   (CcFilingStudyCard  *self,
                                             CcDate              as_of);
void       cc_filing_study_card_set_items   (CcFilingStudyCard  *self,
                                             const char * const *items);
/* Sets the selectors, as the user does (FALSE when @symbol is not offered). */
gboolean   cc_filing_study_card_select      (CcFilingStudyCard  *self,
                                             const char         *symbol,
                                             CcFilingKind        kind,
                                             guint               last);
/* Studies what the selectors say, as the Study button does. */
void       cc_filing_study_card_run         (CcFilingStudyCard  *self);
/* Whether a fetch is running. */
gboolean   cc_filing_study_card_is_busy     (CcFilingStudyCard  *self);
/* What a cell shows, for the tests and screen readers, or NULL: "status" (the line above the
 * tables), "summary", "events" (rows shown), "window:W:events|mean|t" (W 0..3 as in
 * cc_event_study_windows), "event:I:day|form|items|return|ar|car:W" (I from 0, oldest
 * first), "fetched". */
char      *cc_filing_study_card_dup_cell    (CcFilingStudyCard  *self,
                                             const char         *key);

G_END_DECLS
