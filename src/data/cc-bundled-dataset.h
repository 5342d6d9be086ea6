/* cc-bundled-dataset.h: reads the offline dataset shipped in the GResource (data/dataset/):
 * the series CSV, the month-end ^SOX CSV, the anchors JSON and the curated events, into a
 * CcDataset. */
#pragma once

#include <gio/gio.h>

#include "cc-dataset.h"

G_BEGIN_DECLS

/* The offline dataset: reconstructed series, the observed ^SOX bars, the curated events and
 * the history facts, with a note for each anchored and observed point saying where its value
 * comes from. */
CcDataset *cc_bundled_dataset_new              (GError     **error);

/* Parses the offline dataset's series CSV (date,symbol,level,close,provenance,flags; see
 * data/dataset/README.md) with the one CSV reader and adds one series per symbol to @dataset
 * with cc_dataset_add_bundled_series(), replacing any held. On error (a CC_DATA_ERROR_INVALID
 * naming @source_name, the line and the column) nothing is changed. */
gboolean   cc_bundled_dataset_load_series_csv  (CcDataset   *dataset,
                                                const char  *data,
                                                gssize       length,
                                                const char  *source_name,
                                                GError     **error);
/* Parses month-end closes (month,last_trading_date,close) into an observed ^SOX series. */
CcSeries  *cc_bundled_dataset_parse_monthly_csv (const char  *data,
                                                gssize       length,
                                                const char  *source_name,
                                                GError     **error);

G_END_DECLS
