/* cc-keys.h: provider API keys, kept in the user's keyring with libsecret (the Secret portal
 * inside Flatpak), never in GSettings or a file. */
#pragma once

#include <gio/gio.h>

#include "cc-provider.h"

G_BEGIN_DECLS

void      cc_keys_store_async   (CcProviderId          provider,
                                 const char           *api_key,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  cc_keys_store_finish  (GAsyncResult         *result,
                                 GError              **error);
/* The stored key, or NULL without an error when there is none. */
void      cc_keys_lookup_async  (CcProviderId          provider,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
char     *cc_keys_lookup_finish (GAsyncResult         *result,
                                 GError              **error);
void      cc_keys_clear_async   (CcProviderId          provider,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  cc_keys_clear_finish  (GAsyncResult         *result,
                                 GError              **error);
/* Blocking lookup, for the command line tool. */
char     *cc_keys_lookup_sync   (CcProviderId          provider,
                                 GCancellable         *cancellable,
                                 GError              **error);
/* Frees a key after overwriting it. */
void      cc_keys_free          (char                 *api_key);

G_END_DECLS
