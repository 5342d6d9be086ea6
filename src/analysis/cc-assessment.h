/* cc-assessment.h: one answer to "where are we in the cycle?": the phase and scenario weights
 * for an as-of date, from the loaded prices, the events and the rules, with the sentences that
 * explain them, and the same answer for every trading day of a range (the timeline).
 *
 * The answer depends on the as-of date, the dataset (its series and its events, user events
 * included) and the rules, and on nothing else: which event the user selected never enters it.
 * The event measures (SOX event-day move, memory minus GPU designers, baskets since the event,
 * memory run-up before it) use the latest *qualifying* event on or before the as-of date, as the
 * rules file defines qualifying (see data/rules/RULES-FORMAT.md, "qualifying_event"), and every
 * explanation names that event.
 *
 * Baskets are equal-weight, rebalanced daily (see cc_basket_get_method_label()), the same
 * baskets as in the event study, the chart and `chipcycle analyze`.
 *
 * Typical use (side panel): build one CcAssessor per loaded dataset and rules, then call
 * cc_assessor_evaluate() whenever the as-of date moves (well under a frame: see bench/) and
 * cc_assessor_timeline() once for the timeline chart. An assessor is a snapshot: when the
 * dataset's series or events change, or the rules are reloaded, make a new one.
 */
#pragma once

#include "cc-dataset.h"
#include "cc-indicators.h"
#include "cc-monitors.h"
#include "cc-rules.h"

G_BEGIN_DECLS

/* One piece of evidence: a rule that matched, and what it added to one target. */
typedef struct {
  char          *rule_id;     /* the rule's "id" in the rules file */
  CcIndicatorId  indicator;   /* the indicator it reads */
  CcTarget       target;      /* the phase or scenario it weighs on */
  double         evidence;    /* the weight it added to @target (negative: evidence against) */
  /* Plain words with the number, for anyone: "Chip stocks are 10.2% below their highest close
   * of the past year, which points to the base case." Translated. A rule's own "note" from the
   * rules file is appended. */
  char          *sentence;
  /* The rule for experts: "Rule “sox-correction”: sox_drawdown = 10.2, in [10, 30) → base
   * +2.0". Translated, but keeps the file's names. */
  char          *detail;
} CcReason;

/* The verdict of one card: the three phases, or the three scenarios. */
typedef struct {
  CcTarget  first;      /* CC_TARGET_FIRST_PHASE or CC_TARGET_FIRST_SCENARIO */
  /* The target with the highest weight. When tied, the first of the tied ones in target order:
   * a placeholder, never to be announced as a lead (check @tie). */
  CcTarget  leading;
  /* TRUE when two or three targets share the top weight, i.e. their weights are equal when
   * shown as whole percentages (what the reader sees: "36%" and "36%" is a tie). */
  gboolean  tie;
  gboolean  tied[3];    /* tied[t - first]: target t shares the top weight (only when @tie) */
  /* Short title for the card: "Efficiency optimisation leads (46%)", or "No clear lead:
   * efficiency optimisation and demand absorption tie at 36%". Translated. */
  char     *headline;
  /* The card's opening sentence in plain words, built from the numbers, for a reader who is
   * not a quant: "Chip stocks are 10.2% below their high of the past year, and memory makers
   * fell 8.1 points more than GPU designers on “Meta Compute announced”: this looks like
   * surplus capacity being sold off, not demand collapsing." Ties are called ties. */
  char     *lead;
} CcVerdict;

typedef struct {
  /* The last ^SOX close on or before the requested as-of date (the date the numbers are for);
   * CC_DATE_INVALID when there is none (then @problem says why and nothing else is set but the
   * equal weights). */
  CcDate        as_of;
  CcDate        requested_as_of;
  char         *problem;      /* NULL, or why no assessment could be made (translated) */

  /* The qualifying event the event measures use (a reference), or NULL when none is on or
   * before @as_of; its first trading day (day 0) and the trading day before it. */
  CcEvent      *event;
  CcDate        event_day;
  CcDate        base_day;
  /* One sentence naming the event used and why it was picked, or saying that there is none
   * and which measures are therefore left out. Translated. */
  char         *event_note;

  /* Every indicator for @as_of (value, or why it is missing); each value's sentence is plain
   * words with the number ("Chip stocks are 10.2% below their high of the past year"). */
  CcIndicators  indicators;

  double        score[CC_N_TARGETS];    /* prior + evidence, never below 0 */
  double        weight[CC_N_TARGETS];   /* score normalised over the phases / the scenarios */
  GPtrArray    *reasons[CC_N_TARGETS];  /* CcReason, strongest (largest |evidence|) first */
  guint         n_matched;              /* how many rules matched */

  CcVerdict     phase;                  /* the phase card */
  CcVerdict     scenario;               /* the scenarios card */

  /* The four monitors: the latest visible event with a signal for each, on or before @as_of
   * (a reference, or NULL), and the card's opening sentence in plain words ("The latest sign,
   * “Meta Compute announced” on 1 Jul 2026, points to overbuilding: …", or that there is no
   * sign yet). Index 0 (CC_MONITOR_NONE) is unused. */
  CcEvent      *monitors[CC_N_MONITORS];
  char         *monitor_lead[CC_N_MONITORS];

  /* The rules file's notice when it was written for an older format (what changed and how to
   * update it), or NULL. Translated. */
  char         *rules_notice;
} CcAssessment;

void          cc_assessment_free       (CcAssessment *assessment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcAssessment, cc_assessment_free)

/* The plain-words evidence lines of a card: the sentences of the matched rules that weigh on
 * @target (strongest first). Borrowed; never NULL. */
GPtrArray    *cc_assessment_get_reasons (CcAssessment *assessment,
                                         CcTarget      target);

/* What a monitor fed by SEC EDGAR adds to the assessment: the reasons (borrowed) of the matched
 * rules on its edgar_… indicator, over the phases and the scenarios, strongest first. Free
 * the array (not its items); empty without EDGAR data or when no rule on it matched. */
GPtrArray    *cc_assessment_get_monitor_reasons (CcAssessment *assessment,
                                                 CcMonitor     monitor);

/* The rules alone on given indicator values (crafted cases, tests, fuzzing): fills the scores,
 * weights, reasons and the two verdicts of an assessment prepared with cc_assessment_init().
 * The reasons' sentences start from the indicators' sentences. */
void          cc_assessment_init        (CcAssessment       *assessment);
void          cc_assessment_clear       (CcAssessment       *assessment);
void          cc_assessment_apply_rules (CcAssessment       *assessment,
                                         CcRules            *rules,
                                         const CcIndicators *indicators);

/* A snapshot of the dataset's ^SOX, group members and events, with what every as-of date needs
 * precomputed (trailing highs, averages, daily-rebalanced baskets). Reference counted. */
typedef struct _CcAssessor CcAssessor;

CcAssessor   *cc_assessor_new          (CcDataset    *dataset,
                                        CcRules      *rules);
/* The same with the monitors fed by SEC EDGAR (NULL: none loaded, so the rules on the
 * edgar_… indicators are skipped and the answer is what cc_assessor_new() gives). Only
 * quarters filed on or before an as-of date count for it. @reported is read, not kept. */
CcAssessor   *cc_assessor_new_full     (CcDataset                *dataset,
                                        CcRules                  *rules,
                                        const CcReportedMonitors *reported);
/* Whether monitors from SEC EDGAR were given. */
gboolean      cc_assessor_has_edgar    (CcAssessor   *assessor);
CcAssessor   *cc_assessor_ref          (CcAssessor   *assessor);
void          cc_assessor_unref        (CcAssessor   *assessor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcAssessor, cc_assessor_unref)
CcRules      *cc_assessor_get_rules    (CcAssessor   *assessor);
/* The trading days with a ^SOX close, first and last (CC_DATE_INVALID when there are none). */
CcDate        cc_assessor_get_first_day (CcAssessor  *assessor);
CcDate        cc_assessor_get_last_day  (CcAssessor  *assessor);

/* The full assessment for @as_of (any date: the last ^SOX close on or before it is used).
 * Never NULL; check ->problem. */
CcAssessment *cc_assessor_evaluate     (CcAssessor   *assessor,
                                        CcDate        as_of);

/* One-shot: cc_assessor_new() + cc_assessor_evaluate(). @rules NULL: the built-in rules. */
CcAssessment *cc_assessment_evaluate   (CcDataset    *dataset,
                                        CcRules      *rules,
                                        CcDate        as_of);

/* One trading day of the timeline. Every number equals what cc_assessor_evaluate() gives for
 * that day (the tests check every day of the bundled range). */
typedef struct {
  CcDate      date;
  double      weight[CC_N_TARGETS];
  CcTarget    leading_phase;      /* as CcVerdict.leading: check the tie flag before saying "leads" */
  CcTarget    leading_scenario;
  gboolean    phase_tie;
  gboolean    scenario_tie;
  CcEvent    *event;              /* borrowed: the qualifying event used that day, or NULL */
  const char *top_rule_id;        /* borrowed: the strongest matched rule for the leading phase,
                                   * or NULL when no rule weighs on it */
  char       *top_reason;         /* that rule's plain sentence (as CcReason.sentence), or NULL */
} CcTimelineDay;

typedef struct {
  guint          n_days;
  CcTimelineDay *days;            /* the trading days with a ^SOX close in [from, to], in order */
} CcTimeline;

void          cc_timeline_free         (CcTimeline   *timeline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcTimeline, cc_timeline_free)
/* The day on @date, or the last one before it; NULL when @date is before the first. */
const CcTimelineDay *cc_timeline_find  (const CcTimeline *timeline,
                                        CcDate            date);

/* Every trading day with a ^SOX close in [@from, @to] (CC_DATE_INVALID for either: the first or
 * last day there is), computed incrementally: under 100 ms for a year (bench/). */
CcTimeline   *cc_assessor_timeline     (CcAssessor   *assessor,
                                        CcDate        from,
                                        CcDate        to);

G_END_DECLS
