/* cc-keys.c: provider API keys in the keyring. */
#define G_LOG_DOMAIN "cc-keys"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-keys-private.h"

/* Replaced only by tests (_cc_keys_set_schema_name), before any key is touched. */
static char *schema_name_override;

static const SecretSchema *
get_schema (void)
{
  static SecretSchema schema = {
    CC_KEYS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  schema.name = schema_name_override ? schema_name_override : CC_KEYS_SCHEMA_NAME;
  return &schema;
}

void
_cc_keys_set_schema_name (const char *schema_name)
{
  g_return_if_fail (g_strcmp0 (schema_name, CC_KEYS_SCHEMA_NAME) != 0);

  g_free (schema_name_override);
  schema_name_override = g_strdup (schema_name);
}

const char *
_cc_keys_get_schema_name (void)
{
  return get_schema ()->name;
}

typedef enum {
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} Operation;

/* No Secret Service to talk to: no session bus, or nothing owns org.freedesktop.secrets and
 * nothing can be started for it. */
static gboolean
is_service_missing (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_FILE_NOT_FOUND) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED) ||
         /* g_bus_get() without a session bus to connect to. */
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_FAILED &&
          strstr (error->message, "D-Bus") != NULL);
}

/* libsecret's errors speak of D-Bus names and object paths; the user needs to know which key,
 * and whether the keyring is missing, locked or something else went wrong. Cancellation is
 * passed on as it is. Takes @error. */
static GError *
keyring_error (Operation     op,
               CcProviderId  provider,
               GError       *error)
{
  const char *name = cc_provider_get (provider)->name;
  g_autofree char *reason = NULL;
  GError *result;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (is_service_missing (error))
    reason = g_strdup (_("no keyring service (Secret Service) is running"));
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    reason = g_strdup (_("the keyring is locked; unlock it (for example in Passwords and Keys) "
                         "and try again"));
  else
    reason = g_strdup (error->message);

  switch (op)
    {
    case OP_STORE:
      /* Translators: %s is a provider (Stooq), the second %s why the keyring failed. */
      result = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_KEYRING,
                            _("Cannot store the %s API key: %s"), name, reason);
      break;
    case OP_LOOKUP:
      /* Translators: %s is a provider (Stooq), the second %s why the keyring failed. */
      result = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_KEYRING,
                            _("Cannot read the %s API key: %s"), name, reason);
      break;
    case OP_CLEAR:
    default:
      /* Translators: %s is a provider (Stooq), the second %s why the keyring failed. */
      result = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_KEYRING,
                            _("Cannot remove the %s API key: %s"), name, reason);
      break;
    }
  g_debug ("Keyring: %s", error->message);
  g_error_free (error);
  return result;
}

void
cc_keys_free (char *api_key)
{
  if (api_key == NULL)
    return;
  memset (api_key, 0, strlen (api_key));
  g_free (api_key);
}

/* Whether @items (from a search that does not unlock) holds a locked item. */
static gboolean
any_locked (GList *items)
{
  for (GList *l = items; l; l = l->next)
    if (SECRET_IS_ITEM (l->data) && secret_item_get_locked (l->data))
      return TRUE;
  return FALSE;
}

static GError *
locked_error (void)
{
  return g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "locked");
}

static GTask *
keys_task_new (CcProviderId         provider,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GUINT_TO_POINTER (provider), NULL);
  return task;
}

static CcProviderId
task_provider (GTask *task)
{
  return GPOINTER_TO_UINT (g_task_get_task_data (task));
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      /* FALSE without an error: the user dismissed the prompt to unlock the keyring. */
      if (error == NULL)
        error = locked_error ();
      g_task_return_error (task, keyring_error (OP_STORE, task_provider (task), error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

void
cc_keys_store_async (CcProviderId         provider,
                     const char          *api_key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autofree char *label = NULL;
  const CcProvider *info;
  GTask *task;

  g_return_if_fail (provider < CC_N_PROVIDERS);
  g_return_if_fail (api_key != NULL && *api_key != '\0');

  info = cc_provider_get (provider);
  task = keys_task_new (provider, cc_keys_store_async, cancellable, callback, user_data);
  /* The label is what the user sees in Passwords and Keys (Seahorse). */
  label = g_strdup_printf (_("Chip Cycle: %s API key"), info->name);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                         cancellable, store_cb, task,
                         "provider", info->key, NULL);
}

gboolean
cc_keys_store_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
search_locked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items = secret_password_search_finish (result, &error);

  if (any_locked (items))
    g_task_return_error (task, keyring_error (OP_LOOKUP, task_provider (task), locked_error ()));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, NULL, NULL);
  g_clear_error (&error);
  g_list_free_full (items, g_object_unref);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (OP_LOOKUP, task_provider (task), error));
  else if (key != NULL)
    g_task_return_pointer (task, key, (GDestroyNotify) cc_keys_free);
  else
    {
      const char *provider_key = cc_provider_get (task_provider (task))->key;
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* No key, or one in a keyring that stayed locked (nobody answered the prompt to unlock
       * it): tell the two apart, so that a locked keyring is not reported as a missing key. */
      secret_password_search (get_schema (), SECRET_SEARCH_ALL, cancellable, search_locked_cb,
                              g_steal_pointer (&task), "provider", provider_key, NULL);
    }
}

void
cc_keys_lookup_async (CcProviderId         provider,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (provider < CC_N_PROVIDERS);

  task = keys_task_new (provider, cc_keys_lookup_async, cancellable, callback, user_data);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "provider", cc_provider_get (provider)->key, NULL);
}

char *
cc_keys_lookup_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove: that is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (OP_CLEAR, task_provider (task), error));
  else
    g_task_return_boolean (task, TRUE);
}

void
cc_keys_clear_async (CcProviderId         provider,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (provider < CC_N_PROVIDERS);

  task = keys_task_new (provider, cc_keys_clear_async, cancellable, callback, user_data);
  secret_password_clear (get_schema (), cancellable, clear_cb, task,
                         "provider", cc_provider_get (provider)->key, NULL);
}

gboolean
cc_keys_clear_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
cc_keys_lookup_sync (CcProviderId   provider,
                     GCancellable  *cancellable,
                     GError       **error)
{
  GError *local_error = NULL;
  char *key;

  g_return_val_if_fail (provider < CC_N_PROVIDERS, NULL);

  key = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                     "provider", cc_provider_get (provider)->key, NULL);
  if (local_error != NULL)
    g_propagate_error (error, keyring_error (OP_LOOKUP, provider, local_error));
  else if (key == NULL)
    {
      GList *items = secret_password_search_sync (get_schema (), SECRET_SEARCH_ALL, cancellable,
                                                  NULL, "provider",
                                                  cc_provider_get (provider)->key, NULL);

      if (any_locked (items))
        g_propagate_error (error, keyring_error (OP_LOOKUP, provider, locked_error ()));
      g_list_free_full (items, g_object_unref);
    }
  return key;
}
