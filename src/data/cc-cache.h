/* cc-cache.h: fetched series kept on disk, one file per provider and symbol, so the app
 * works offline and a failed refresh never loses what was fetched before. */
#pragma once

#include <gio/gio.h>

#include "cc-series.h"

G_BEGIN_DECLS

#define CC_TYPE_CACHE (cc_cache_get_type ())
G_DECLARE_FINAL_TYPE (CcCache, cc_cache, CC, CACHE, GObject)

/* @directory: where to keep files, or NULL for g_get_user_cache_dir()/chipcycle. */
CcCache    *cc_cache_new            (const char   *directory);
const char *cc_cache_get_directory  (CcCache      *self);
/* The file that holds @symbol from @provider_key ("yahoo"). */
char       *cc_cache_get_path       (CcCache      *self,
                                     const char   *provider_key,
                                     const char   *symbol);
/* The cached series (origin CC_ORIGIN_CACHE, fetched_at kept), or NULL without an error when
 * nothing is cached. A damaged file is renamed to FILE.corrupt-TIMESTAMP (never deleted) and
 * reported as CC_DATA_ERROR_CACHE_CORRUPT, naming both files, and by the ::damaged signal. */
CcSeries   *cc_cache_load           (CcCache      *self,
                                     const char   *provider_key,
                                     const char   *symbol,
                                     GError      **error);
/* Merges @series into what is cached (new points replace old ones on the same dates; a new
 * split that the cache did not know replaces the cached history, whose older prices would no
 * longer be comparable) and writes the result atomically. Returns the merged series, with
 * @series' metadata and fetch time, origin CC_ORIGIN_PROVIDER. */
CcSeries   *cc_cache_store          (CcCache      *self,
                                     const char   *provider_key,
                                     CcSeries     *series,
                                     GError      **error);

/* The cache file format (JSON), for the store and for fuzzing. */
char       *cc_cache_serialize      (CcSeries     *series,
                                     const char   *provider_key,
                                     gsize        *length);
CcSeries   *cc_cache_parse          (const char   *data,
                                     gsize         length,
                                     const char   *source_name,
                                     char        **provider_key,
                                     GError      **error);

/* Whether @series is out of date at @now (Unix time): its last complete bar is more than one
 * NYSE trading session older than the latest session closed by @now (16:00 New York time).
 * An unfinished last bar counts as the session before it. Empty series are stale. */
gboolean    cc_cache_series_is_stale (CcSeries    *series,
                                      gint64       now);

G_END_DECLS
