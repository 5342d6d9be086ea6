/* cc-analysis.h: everything the side panel, the report and `chipcycle analyze` show for one
 * event and as-of date: the event study of the selected event, the cycle history, and the
 * phase and scenario assessment with the four monitors (which depend on the as-of date only,
 * never on the selected event: see cc-assessment.h). Computed once, read by all three. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-assessment.h"
#include "cc-cycle.h"
#include "cc-dataset.h"
#include "cc-event-study.h"
#include "cc-format.h"
#include "cc-indicators.h"
#include "cc-rules.h"

G_BEGIN_DECLS

/* The groups that get a basket row in the event study by default. */
extern const char * const cc_analysis_basket_groups[];

typedef struct {
  CcDate        event_day;     /* first trading day on or after the requested event date */
  /* The requested event date when it was not a trading day (a weekend or holiday) and the
   * study moved to @event_day; CC_DATE_INVALID otherwise. */
  CcDate        event_day_moved_from;
  CcDate        base_day;      /* the trading day before it: the rebasing close */
  CcDate        as_of;         /* the last ^SOX close on or before the requested as-of date */
  CcEvent      *event;         /* the dataset's event on the event day, or NULL */
  char        **items;         /* the items studied */

  GPtrArray    *rows;          /* CcEventStudyRow, in item order */
  GPtrArray    *ranked;        /* borrowed rows with a return, best first */
  /* Borrowed single stocks (no baskets, not the market), ranked by day-0 abnormal return (by
   * plain day-0 return when no row has a model, see @ranked_by_abnormal): the best up to 3,
   * best first, and the worst up to 3, worst first. Never overlapping: with n stocks each side
   * gets at most n / 2 (rounded down); a single stock is a winner when its return is at least
   * 0 and a loser otherwise. Both are empty only when no stock has a return. */
  GPtrArray    *winners;
  GPtrArray    *losers;
  gboolean      ranked_by_abnormal;

  CcDrawdown    drawdown;      /* ^SOX from its 52-week high */
  GPtrArray    *cycles;        /* CcCycle: the bundled episodes, then the current one */
  char         *history_note;  /* where the article's figures differ from the data, and why */

  CcRules      *rules;
  /* Why the user's rules file was not used (it is broken), when the analysis loaded the
   * active rules itself; NULL otherwise. */
  char         *rules_problem;
  /* The assessment for @as_of (its indicators, weights, verdicts and monitors); the same for
   * every event. */
  CcAssessment *assessment;
  CcEvent      *monitors[CC_N_MONITORS];  /* = assessment->monitors (references) */
  /* Whether monitors fed by SEC EDGAR were given (cc_analysis_new_full()), and when their
   * oldest reply was fetched (Unix time, 0 if unknown). */
  gboolean      has_edgar;
  gint64        edgar_fetched_at;
} CcAnalysis;

/* @items: tickers and "basket:GROUP" items; NULL for every symbol with data and the group
 * baskets. @rules: NULL loads the active rules (the user's file or the built-in ones). */
CcAnalysis *cc_analysis_new            (CcDataset          *dataset,
                                        CcDate              event_date,
                                        CcDate              as_of,
                                        const char * const *items,
                                        CcRules            *rules);
/* The same with the open portfolio's series (cc-exposure.h, its symbol "portfolio:NAME"; NULL for
 * none): its row stands where its item is among @items, or last; it is studied like a basket
 * and, being the user's own holdings, never ranked among the winners and losers. */
CcAnalysis *cc_analysis_new_full       (CcDataset          *dataset,
                                        CcDate              event_date,
                                        CcDate              as_of,
                                        const char * const *items,
                                        CcRules            *rules,
                                        CcSeries           *portfolio);
/* The same with the monitors fed by SEC EDGAR in the assessment (NULL: none, as above). */
CcAnalysis *cc_analysis_new_with_edgar (CcDataset                *dataset,
                                        CcDate                    event_date,
                                        CcDate                    as_of,
                                        const char * const       *items,
                                        CcRules                  *rules,
                                        CcSeries                 *portfolio,
                                        const CcReportedMonitors *reported);
void        cc_analysis_free           (CcAnalysis         *analysis);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcAnalysis, cc_analysis_free)

/* The study row for @item, or NULL. */
const CcEventStudyRow *cc_analysis_find_row (CcAnalysis    *analysis,
                                             const char    *item);

/* The number formats every view uses are cc-format.h's. */

/* "MU -10.4%, SNDK -10.9%" */
char       *cc_analysis_format_names   (GPtrArray          *rows);
char       *cc_analysis_format_side    (const CcAnalysis   *analysis,
                                        gboolean            winners);
/* What a monitor's signal says, in a word or two: "Demand holding", "Overbuilding", "Neutral". */
const char *cc_analysis_stance_get_reading (CcSignalStance stance);
/* The "not investment advice" line. */
const char *cc_analysis_get_disclaimer (void);

/* Plain text for the terminal, and JSON for scripts (see `chipcycle analyze --json`). */
char       *cc_analysis_to_text        (CcAnalysis         *analysis);
JsonNode   *cc_analysis_to_json        (CcAnalysis         *analysis);

G_END_DECLS
