/* cc-keys.c: provider API keys in the keyring. */
#define G_LOG_DOMAIN "cc-keys"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "cc-keys.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.chipcycle.ChipCycle.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

void
cc_keys_free (char *api_key)
{
  if (api_key == NULL)
    return;
  memset (api_key, 0, strlen (api_key));
  g_free (api_key);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
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
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  const CcProvider *info;

  g_return_if_fail (provider < CC_N_PROVIDERS);
  g_return_if_fail (api_key != NULL && *api_key != '\0');

  info = cc_provider_get (provider);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_keys_store_async);
  /* The label is what the user sees in Passwords and Keys (Seahorse). */
  label = g_strdup_printf (_("Chip Cycle: %s API key"), info->name);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                         cancellable, store_cb, g_steal_pointer (&task),
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
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) cc_keys_free);
}

void
cc_keys_lookup_async (CcProviderId         provider,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (provider < CC_N_PROVIDERS);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_keys_lookup_async);
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
    g_task_return_error (task, error);
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

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_keys_clear_async);
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
  g_return_val_if_fail (provider < CC_N_PROVIDERS, NULL);

  return secret_password_lookup_sync (get_schema (), cancellable, error,
                                      "provider", cc_provider_get (provider)->key, NULL);
}
