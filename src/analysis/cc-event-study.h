/* cc-event-study.h: a market-model event study: event-day returns, abnormal returns against a
 * market series and cumulative abnormal returns with t-statistics.
 *
 * Days are counted in NYSE trading days relative to the event day (day 0). The market model
 * R_i = alpha + beta * R_m + e is fitted by least squares over an estimation window
 * (by default days -250 .. -11) on the days where both series have a return.
 */
#pragma once

#include "cc-series.h"

G_BEGIN_DECLS

/* The event windows of the table: [0,0], [-1,+1], [0,+5], [0,+20]. */
#define CC_EVENT_STUDY_N_WINDOWS 4

typedef struct {
  int first;
  int last;
} CcEventWindow;

extern const CcEventWindow cc_event_study_windows[CC_EVENT_STUDY_N_WINDOWS];

typedef struct {
  int   estimation_first;     /* -250 */
  int   estimation_last;      /* -11 */
  guint min_estimation_days;  /* fewer usable days than this and there is no model */
} CcEventStudyOptions;

void cc_event_study_options_init_default (CcEventStudyOptions *options);

typedef struct {
  gboolean ok;
  guint    n;        /* observations used */
  double   alpha;
  double   beta;
  double   sigma;    /* residual standard deviation, SSR / (n - 2) */
  double   r_squared;
  double   market_mean;  /* mean market return over the estimation days */
  double   market_sxx;   /* sum of squared deviations of those returns from their mean */
} CcMarketModel;

/* Ordinary least squares of @stock on @market (n pairs). Needs n >= 3 and a market series that
 * moves; otherwise @model->ok is FALSE. */
gboolean cc_market_model_fit       (const double  *stock,
                                    const double  *market,
                                    guint          n,
                                    CcMarketModel *model);

/* The close-to-close return on trading day @day against the previous NYSE trading day; both
 * closes must be in the series. */
gboolean cc_daily_return           (CcSeries      *series,
                                    CcDate         day,
                                    double        *result);

/* The exact finite-sample variance of a CAR over @length event days whose market returns sum
 * to @market_sum, under the fitted market model (MacKinlay 1997, "Event Studies in Economics
 * and Finance", eq. 11 summed over the window: 1' sigma^2 (I + X*(X'X)^-1 X*') 1). With n
 * estimation days of mean market return m and sum of squared deviations Sxx it is
 *   sigma^2 * (L + L^2 / n + (market_sum - L * m)^2 / Sxx),
 * the L sigma^2 of the disturbances plus the estimation error of alpha and beta. NAN when the
 * model is not fitted. */
double   cc_car_variance           (const CcMarketModel *model,
                                    guint          length,
                                    double         market_sum);
/* t = CAR / sqrt (variance); NAN when the variance is not positive. */
double   cc_car_t_statistic        (double         car,
                                    double         variance);

/* The days of the abnormal-return path kept for the chart: -5 .. +20. */
#define CC_EVENT_STUDY_PATH_FIRST (-5)
#define CC_EVENT_STUDY_PATH_LAST  20
#define CC_EVENT_STUDY_PATH_LEN   (CC_EVENT_STUDY_PATH_LAST - CC_EVENT_STUDY_PATH_FIRST + 1)

typedef struct {
  char        *item;            /* a ticker ("MU") or a basket item ("basket:memory") */
  char        *label;           /* for people: "MU", "Memory basket" */
  gboolean     is_basket;
  gboolean     is_market;       /* the market series itself: no abnormal return */
  /* A ratio or spread (cc-derived.h): measured against its own second side, not the market. */
  gboolean     is_derived;
  /* The user's portfolio ("portfolio:NAME", cc-exposure.h), measured like a basket. */
  gboolean     is_portfolio;
  gboolean     has_return;
  double       event_return;    /* day-0 return, a fraction */
  CcMarketModel model;         /* model.n: estimation days used, shown even when not fitted */
  /* The model used fewer days than the full estimation window asks for. */
  gboolean     short_estimation;
  /* Why there is no model (translated: "only 12 estimation days, 30 needed", "the event day
   * is after the data"), or NULL when it was fitted (or the row is the market itself). */
  char        *model_problem;
  gboolean     has_abnormal;
  double       abnormal_return; /* day-0 abnormal return */
  gboolean     has_car[CC_EVENT_STUDY_N_WINDOWS];
  double       car[CC_EVENT_STUDY_N_WINDOWS];
  double       t_stat[CC_EVENT_STUDY_N_WINDOWS];
  /* Daily abnormal returns for days -5 .. +20 (index = day + 5), where known. */
  gboolean     has_path[CC_EVENT_STUDY_PATH_LEN];
  double       path[CC_EVENT_STUDY_PATH_LEN];
  /* The least certain provenance of the bars in [-1, 0]. */
  CcProvenance provenance;
} CcEventStudyRow;

void             cc_event_study_row_free (CcEventStudyRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcEventStudyRow, cc_event_study_row_free)

/* Runs the study for one series. Bars after @as_of are ignored (CARs that need them are
 * unavailable). @market may be @series itself (then the row is the market row). */
CcEventStudyRow *cc_event_study_row_compute (CcSeries                  *series,
                                             CcSeries                  *market,
                                             CcDate                     event_day,
                                             CcDate                     as_of,
                                             const CcEventStudyOptions *options);

/* Rows sorted by event-day return, best first; rows without a return are left out. Returns
 * a new array of borrowed rows. */
GPtrArray       *cc_event_study_rank     (GPtrArray *rows);

/* The study as CSV (RFC 4180, '.' decimals, one header line), for spreadsheets. */
char            *cc_event_study_to_csv   (GPtrArray *rows,
                                          CcDate     event_day);
/* The study as an aligned plain-text table, for the clipboard and the terminal. */
char            *cc_event_study_to_text  (GPtrArray *rows,
                                          CcDate     event_day);

G_END_DECLS
