/* cc-analysis.h: everything the side panel, the report and `chipcycle analyze` show for one
 * event and as-of date: the event study, the cycle history, the indicators, the phase and
 * scenario assessment and the four monitors. Computed once, read by all three. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-cycle.h"
#include "cc-dataset.h"
#include "cc-event-study.h"
#include "cc-indicators.h"
#include "cc-rules.h"

G_BEGIN_DECLS

/* The groups that get a basket row in the event study by default. */
extern const char * const cc_analysis_basket_groups[];

typedef struct {
  CcDate        event_day;     /* first trading day on or after the requested event date */
  CcDate        base_day;      /* the trading day before it: the rebasing close */
  CcDate        as_of;         /* the last ^SOX close on or before the requested as-of date */
  CcEvent      *event;         /* the dataset's event on the event day, or NULL */
  char        **items;         /* the items studied */

  GPtrArray    *rows;          /* CcEventStudyRow, in item order */
  GPtrArray    *ranked;        /* borrowed rows with a return, best first */
  GPtrArray    *winners;       /* borrowed: up to 3 single stocks that did best on the day */
  GPtrArray    *losers;        /* borrowed: up to 3 that did worst, worst first */

  CcDrawdown    drawdown;      /* ^SOX from its trailing 252-day high */
  GPtrArray    *cycles;        /* CcCycle: the bundled episodes, then the current one */
  char         *history_note;  /* where the article's figures differ from the data, and why */

  CcIndicators  indicators;
  CcRules      *rules;
  /* Why the user's rules file was not used (it is broken), when the analysis loaded the
   * active rules itself; NULL otherwise. */
  char         *rules_problem;
  CcAssessment  assessment;
  CcEvent      *monitors[CC_N_MONITORS];  /* the latest signal of each monitor, or NULL */
} CcAnalysis;

/* @items: tickers and "basket:GROUP" items; NULL for every symbol with data and the group
 * baskets. @rules: NULL loads the active rules (the user's file or the built-in ones). */
CcAnalysis *cc_analysis_new            (CcDataset          *dataset,
                                        CcDate              event_date,
                                        CcDate              as_of,
                                        const char * const *items,
                                        CcRules            *rules);
void        cc_analysis_free           (CcAnalysis         *analysis);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcAnalysis, cc_analysis_free)

/* The study row for @item, or NULL. */
const CcEventStudyRow *cc_analysis_find_row (CcAnalysis    *analysis,
                                             const char    *item);

/* The number formats every view uses, so the panel, the report and the CLI agree:
 * a signed percentage with two decimals ("-6.27%"), a t-statistic ("-2.41"), a weight ("52%"). */
char       *cc_format_return           (double              fraction);
char       *cc_format_t_stat           (double              t);
char       *cc_format_weight           (double              weight);
/* "83.9%" for a depth of 0.839. */
char       *cc_format_depth            (double              depth);

/* "MU -10.4%, SNDK -10.9%" */
char       *cc_analysis_format_names   (GPtrArray          *rows);
/* What a monitor's signal says, in a word or two: "Demand holding", "Overbuilding", "Neutral". */
const char *cc_analysis_stance_get_reading (CcSignalStance stance);
/* The "not investment advice" line. */
const char *cc_analysis_get_disclaimer (void);

/* Plain text for the terminal, and JSON for scripts (see `chipcycle analyze --json`). */
char       *cc_analysis_to_text        (CcAnalysis         *analysis);
JsonNode   *cc_analysis_to_json        (CcAnalysis         *analysis);

G_END_DECLS
