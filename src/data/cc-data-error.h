/* cc-data-error.h: the error domain of the data layer (providers, cache, CSV import). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CC_DATA_ERROR (cc_data_error_quark ())

typedef enum {
  /* The provider refused because of too many requests (HTTP 429 or a quota message). */
  CC_DATA_ERROR_RATE_LIMITED,
  /* No connection to the provider: DNS failure, refused or reset connection. */
  CC_DATA_ERROR_OFFLINE,
  /* The provider did not answer in time, even after retrying. */
  CC_DATA_ERROR_TIMEOUT,
  /* The provider does not know the symbol. */
  CC_DATA_ERROR_UNKNOWN_SYMBOL,
  /* The symbol exists but the provider has no bars in the window asked for. */
  CC_DATA_ERROR_NO_DATA,
  /* The reply is not in the shape we know: the provider changed its format. */
  CC_DATA_ERROR_FORMAT_CHANGED,
  /* The provider needs a (valid) API key, or the call needs a paid plan. */
  CC_DATA_ERROR_NEEDS_KEY,
  /* The provider answered with a browser check (an HTML page) instead of data. */
  CC_DATA_ERROR_BLOCKED,
  /* The provider's server failed (HTTP 5xx), even after retrying. */
  CC_DATA_ERROR_SERVER,
  /* The reply was larger than any real price history. */
  CC_DATA_ERROR_TOO_LARGE,
  /* A file (CSV import, cache) could not be understood; the message names file and line. */
  CC_DATA_ERROR_INVALID,
  /* A cache file was damaged; it has been moved aside. */
  CC_DATA_ERROR_CACHE_CORRUPT,
  /* The keyring could not keep or give an API key: no Secret Service, or it is locked. */
  CC_DATA_ERROR_KEYRING,
  /* The service (SEC EDGAR) needs the user's contact address and none valid is set. */
  CC_DATA_ERROR_NEEDS_CONTACT,
} CcDataError;

GQuark cc_data_error_quark (void);

/* Whether @error is worth retrying later (rate limits, timeouts, server and network errors). */
gboolean cc_data_error_is_transient (const GError *error);

G_END_DECLS
