/* cc-portfolio-page.h: the sidebar's Portfolio page: the user's named portfolios (add, edit,
 * remove positions, import a CSV), saved locally, with the exposure and stress cards of the
 * selected one. Analysis, not investment advice. */
#pragma once

#include <gtk/gtk.h>

#include "cc-dataset.h"
#include "cc-exposure.h"
#include "cc-monitors.h"

G_BEGIN_DECLS

#define CC_TYPE_PORTFOLIO_PAGE (cc_portfolio_page_get_type ())
G_DECLARE_FINAL_TYPE (CcPortfolioPage, cc_portfolio_page, CC, PORTFOLIO_PAGE, GtkBox)

/* Reads and saves the portfolios at @path (NULL: cc_portfolios_get_user_path()). */
CcPortfolioPage *cc_portfolio_page_new          (const char      *path);
/* What the cards measure against: the loaded data, the selected event's day 0 and the as-of
 * date (CC_DATE_INVALID: the last day). */
void             cc_portfolio_page_set_context  (CcPortfolioPage *self,
                                                 CcDataset       *dataset,
                                                 CcDate           event_day,
                                                 CcDate           as_of);
/* The monitors fed by SEC EDGAR that the side panel's assessment uses (NULL: none), so that
 * the stress test weighs the scenarios as the panel does. The page keeps a reference. */
void             cc_portfolio_page_set_reported_monitors (CcPortfolioPage    *self,
                                                          CcReportedMonitors *reported);
/* The selected portfolio's measures, or NULL when none is selected. Emits ::changed when they
 * change (the window draws its series). */
CcExposure      *cc_portfolio_page_get_exposure (CcPortfolioPage *self);
/* Imports @file as a new portfolio (asynchronously; ::changed when done). */
void             cc_portfolio_page_import_file  (CcPortfolioPage *self,
                                                 GFile           *file);
/* The problem shown under the selector (import messages, a set-aside file), or NULL. */
const char      *cc_portfolio_page_get_message  (CcPortfolioPage *self);
/* The selected portfolio's name, or NULL; selecting one by name (FALSE: there is none). The
 * page emits ::selected when the user picks, imports, creates or removes a portfolio, and
 * ::shown-toggled when the user ticks or unticks "Show on Chart", whose state the window sets
 * (the portfolio's line is one of the window's items). */
const char      *cc_portfolio_page_get_selected_name (CcPortfolioPage *self);
gboolean         cc_portfolio_page_select        (CcPortfolioPage *self,
                                                  const char      *name);
gboolean         cc_portfolio_page_get_shown     (CcPortfolioPage *self);
void             cc_portfolio_page_set_shown     (CcPortfolioPage *self,
                                                  gboolean         shown);
/* The selected portfolio and the scenarios it is stressed with (for the PDF report). */
CcPortfolio     *cc_portfolio_page_get_portfolio (CcPortfolioPage *self);
CcScenarios     *cc_portfolio_page_get_scenarios (CcPortfolioPage *self);
/* The text of the two cards, as shown, for tests: "exposure" or "stress". */
char            *cc_portfolio_page_get_card_text (CcPortfolioPage *self,
                                                  const char      *card);

G_END_DECLS
