/* cc-filing-study.h: the event study over a company's filings (its results days, say): the
 * market-model study of cc-event-study.h run on each filing's event day, and the average CAR
 * of each window across the events with its cross-sectional t-statistic. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-dataset.h"
#include "cc-edgar.h"
#include "cc-event-study.h"

G_BEGIN_DECLS

typedef struct {
  CcDate           event_day;
  gboolean         intraday;
  CcDate           filing_date;
  char            *accession;
  char            *form;
  char            *items;         /* "2.02 9.01", or "" */
  char            *time_source;   /* cc_edgar_time_source_to_string() */
  CcEventStudyRow *row;           /* the study of this day (it may lack a model) */
} CcFilingEvent;

typedef struct {
  char      *symbol;
  CcDate     as_of;
  GPtrArray *events;              /* CcFilingEvent, oldest first */
  /* Per window (cc_event_study_windows): the events with a CAR, their mean CAR and the
   * cross-sectional t = mean / (s / sqrt (n)), s the sample standard deviation of the CARs;
   * NAN with fewer than two events. */
  guint      n[CC_EVENT_STUDY_N_WINDOWS];
  double     mean_car[CC_EVENT_STUDY_N_WINDOWS];
  double     t_stat[CC_EVENT_STUDY_N_WINDOWS];
} CcFilingStudy;

void           cc_filing_study_free    (CcFilingStudy *study);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcFilingStudy, cc_filing_study_free)

/* Studies @symbol's series of @dataset against ^SOX on the event days of the last @last of
 * @filings (CcEdgarFiling, oldest first, resolved; 0 for all). Filings sharing an event day
 * count once (the first one stands for the day); filings without an event day are skipped.
 * NULL with an error when @dataset has no prices for @symbol or no ^SOX. */
CcFilingStudy *cc_filing_study_new     (CcDataset     *dataset,
                                        const char    *symbol,
                                        GPtrArray     *filings,
                                        guint          last,
                                        CcDate         as_of,
                                        GError       **error);

/* The mean and cross-sectional t of @n values; FALSE (and NAN) when @n < 1 (t needs 2). */
gboolean       cc_filing_study_average (const double  *values,
                                        guint          n,
                                        double        *mean,
                                        double        *t_stat);

char          *cc_filing_study_to_text (CcFilingStudy *study);
JsonNode      *cc_filing_study_to_json (CcFilingStudy *study);

G_END_DECLS
