/* cc-data-error.c: the error domain of the data layer. */
#define G_LOG_DOMAIN "cc-data-error"

#include "config.h"

#include <gio/gio.h>

#include "cc-data-error.h"

G_DEFINE_QUARK (cc-data-error-quark, cc_data_error)

gboolean
cc_data_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != CC_DATA_ERROR)
    return FALSE;

  switch ((CcDataError) error->code)
    {
    case CC_DATA_ERROR_RATE_LIMITED:
    case CC_DATA_ERROR_OFFLINE:
    case CC_DATA_ERROR_TIMEOUT:
    case CC_DATA_ERROR_SERVER:
      return TRUE;
    case CC_DATA_ERROR_UNKNOWN_SYMBOL:
    case CC_DATA_ERROR_NO_DATA:
    case CC_DATA_ERROR_FORMAT_CHANGED:
    case CC_DATA_ERROR_NEEDS_KEY:
    case CC_DATA_ERROR_BLOCKED:
    case CC_DATA_ERROR_TOO_LARGE:
    case CC_DATA_ERROR_INVALID:
    case CC_DATA_ERROR_CACHE_CORRUPT:
    case CC_DATA_ERROR_KEYRING:
    case CC_DATA_ERROR_NEEDS_CONTACT:
    default:
      return FALSE;
    }
}
