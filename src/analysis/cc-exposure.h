/* cc-exposure.h: a portfolio measured against the loaded data: the portfolio as a series, its
 * exposure (weights by group, beta to ^SOX, concentration), its move on an event, the stress
 * test under the bull, base and bear scenarios and under a repeat of past ^SOX declines, and the
 * answer in plain words. Every number comes with the sentence that states it (translated).
 *
 * Weights: a portfolio held in shares whose every ticker has a price series is valued at the
 * closes (value weights, drifting with prices, amounts in the series' currency). Shares cannot
 * be valued on an index-level series (100 at its first bar, as most of the offline dataset is):
 * then, and for a portfolio of weights, the weights are fixed (the given weights; for shares,
 * shares times cost when every position has a cost, equal weights otherwise), rebalanced
 * daily, and there is no amount in currency. Analysis, not investment advice. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-dataset.h"
#include "cc-portfolio.h"
#include "cc-scenarios.h"

G_BEGIN_DECLS

/* Beta is fitted over this many daily returns up to the as-of date, and flagged when fewer. */
#define CC_EXPOSURE_BETA_SESSIONS 250
/* Fewer returns than this and no beta is given. */
#define CC_EXPOSURE_BETA_MIN_SESSIONS 20

typedef enum {
  CC_WEIGHTING_VALUE,      /* shares at price closes */
  CC_WEIGHTING_GIVEN,      /* the portfolio's own weights */
  CC_WEIGHTING_COST,       /* shares at cost, fixed */
  CC_WEIGHTING_EQUAL,      /* equal weights, fixed */
} CcWeighting;

typedef struct {
  char            *ticker;
  CcExposureGroup  group;
  guint            line;            /* as in CcHolding */
  double           weight;          /* at the as-of date */
  double           value;           /* shares x close at the as-of date, or NAN */
  double           contribution[CC_N_SCENARIOS];  /* weight x the group's move */
  double           spread;          /* weight x (bull move - bear move) */
} CcExposureHolding;

typedef struct {
  const char *id;                   /* the episode: "2000", "2008", "2022" */
  double      sox_decline;          /* 0.839 */
  double      implied;              /* -beta x decline, never below -1 */
  gboolean    capped;               /* beta x decline was beyond -100% */
  char       *sentence;
} CcHistoryTest;

typedef struct {
  CcDate            as_of;          /* the last day of the portfolio series on or before it */
  char             *problem;        /* NULL, or why nothing could be measured (then only
                                     * @notes may be set) */
  char             *name;
  CcSeries         *series;         /* the portfolio as a series ("portfolio:NAME") */
  CcWeighting       weighting;
  char             *weighting_sentence;
  /* One sentence per position left out or valued differently (an index-level series held in
   * shares, no prices), naming the ticker and its line. */
  GPtrArray        *notes;
  GPtrArray        *holdings;       /* CcExposureHolding, largest weight first */
  double            value;          /* in @currency at @as_of, or NAN when not valued */
  char             *currency;       /* NULL when not valued */
  CcProvenance      provenance;     /* the weakest of the members' points */
  char             *provenance_sentence;

  double            group_weight[CC_N_EXPOSURE_GROUPS];
  char             *group_sentence;

  gboolean          has_beta;
  double            beta;
  guint             beta_sessions;  /* returns used */
  gboolean          beta_short;     /* fewer than CC_EXPOSURE_BETA_SESSIONS */
  char             *beta_sentence;

  double            top3;           /* share of the three largest positions */
  double            herfindahl;     /* sum of squared weights */
  char             *concentration_sentence;

  CcDate            event_day;      /* CC_DATE_INVALID: no event */
  gboolean          has_event_return;
  double            event_return;
  gboolean          has_abnormal;
  double            abnormal_return;
  char             *event_sentence;

  double            scenario_weight[CC_N_SCENARIOS];   /* as given, normalised */
  double            scenario_change[CC_N_SCENARIOS];
  double            scenario_amount[CC_N_SCENARIOS];   /* NAN when not valued */
  char             *scenario_sentence[CC_N_SCENARIOS];
  double            expectation;
  double            expectation_amount;                /* NAN when not valued */
  char             *expectation_sentence;

  guint             n_history;
  CcHistoryTest     history[3];

  char             *answer;         /* the plain-words answer */
  char             *scenarios_source;
} CcExposure;

/* Measures @portfolio on @dataset at @as_of (CC_DATE_INVALID: the last common day), with the
 * event day @event_day (CC_DATE_INVALID: none) and the scenario weights @scenario_weights
 * (bull, base, bear as the assessment gives them; NULL: equal). Never NULL: check ->problem. */
CcExposure *cc_exposure_compute   (CcDataset    *dataset,
                                   CcPortfolio  *portfolio,
                                   CcScenarios  *scenarios,
                                   const double *scenario_weights,
                                   CcDate        event_day,
                                   CcDate        as_of);
void        cc_exposure_free      (CcExposure   *exposure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcExposure, cc_exposure_free)

/* "1,234.56 USD" */
char       *cc_format_amount      (double        amount,
                                   const char   *currency);
/* "0.1234" */
char       *cc_format_beta        (double        beta);

/* Plain text for the terminal and JSON for scripts (`chipcycle analyze --portfolio`); the
 * window's cards show the same strings. */
char       *cc_exposure_to_text   (CcExposure   *exposure);
JsonNode   *cc_exposure_to_json   (CcExposure   *exposure);

G_END_DECLS
