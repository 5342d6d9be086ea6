/* cc-side-panel.h: the analysis side panel: cycle phase, scenarios, monitors, the chip cycles
 * compared and the event study, recomputed whenever its inputs change. */
#pragma once

#include <adwaita.h>

#include "cc-analogue-summary.h"
#include "cc-analysis.h"
#include "cc-dataset.h"
#include "cc-filing-study-card.h"

G_BEGIN_DECLS

#define CC_TYPE_SIDE_PANEL (cc_side_panel_get_type ())
G_DECLARE_FINAL_TYPE (CcSidePanel, cc_side_panel, CC, SIDE_PANEL, GtkWidget)

CcSidePanel        *cc_side_panel_new          (void);

/* The data analysed; the panel follows its ::series-changed and ::events-changed signals. */
CcDataset          *cc_side_panel_get_dataset  (CcSidePanel        *self);
void                cc_side_panel_set_dataset  (CcSidePanel        *self,
                                                CcDataset          *dataset);
/* The selected event (NULL: the dataset's default event). */
CcEvent            *cc_side_panel_get_event    (CcSidePanel        *self);
void                cc_side_panel_set_event    (CcSidePanel        *self,
                                                CcEvent            *event);
/* Use data up to this day (CC_DATE_INVALID: the last ^SOX close). */
CcDate              cc_side_panel_get_as_of    (CcSidePanel        *self);
/* The monitors fed by SEC EDGAR that the assessment uses: the monitor cards' figures, or NULL
 * before any arrived. Notifies "reported-monitors" when they change. */
CcReportedMonitors *cc_side_panel_get_reported_monitors (CcSidePanel *self);
void                cc_side_panel_set_as_of    (CcSidePanel        *self,
                                                CcDate              as_of);
/* The chart's visible items: tickers and "basket:GROUP" (NULL: every symbol and basket). */
const char * const *cc_side_panel_get_items    (CcSidePanel        *self);
void                cc_side_panel_set_items    (CcSidePanel        *self,
                                                const char * const *items);
/* The open portfolio's series ("portfolio:NAME", cc-exposure.h; NULL for none): its row is
 * added to the event study, last unless it is among the items. */
void                cc_side_panel_set_portfolio (CcSidePanel       *self,
                                                 CcSeries          *series);

/* Recomputes now instead of at the next idle (tests, and before printing). */
void                cc_side_panel_update_now   (CcSidePanel        *self);
/* The analysis on screen (after any pending update), or NULL without data. */
CcAnalysis         *cc_side_panel_get_analysis (CcSidePanel        *self);

/* The text the panel shows for @key, for the UI tests; NULL for an unknown key:
 *   "context" (the event, dates and rules line, or why there is nothing to show),
 *   "leading-phase", "leading-scenario", "weight:TARGET" (overbuild … bear),
 *   "indicator:ID" (sox_drawdown …), "monitor:ID" (capex …), "drawdown", "depth:CYCLE"
 *   (2000, 2008, 2022, current), "winners", "losers", "rules-error", "abnormal-chart" (the
 *   title of the chart of the selected row), "study-note", and the table cells
 *   "study:COLUMN:ITEM" with COLUMN one of return, abnormal, car-1+1, car0+5, car0+20, beta,
 *   days (e.g. "study:return:KLAC" -> "-12.00%"), "timeline" (the caption under the
 *   timeline) and "timeline-hover" (the tooltip of the day under the pointer: its date, phase
 *   and scenario verdicts and top reason; NULL when the pointer is not over a day). */
char               *cc_side_panel_dup_shown_text (CcSidePanel      *self,
                                                  const char       *key);

/* The event study over a company's filings, under the event study. */
CcFilingStudyCard  *cc_side_panel_get_filing_study (CcSidePanel *self);

/* The Analogues section, which shows what the window's Analogues view computed. */
CcAnalogueSummary  *cc_side_panel_get_analogue_summary (CcSidePanel *self);

G_END_DECLS
