/* test-keys.c: provider API keys in the keyring through libsecret. Needs a Secret Service on
 * the session bus; skipped (not passed) without one. */
#include "config.h"

#include <string.h>

#include "cc-keys.h"

typedef struct {
  gboolean  done;
  gboolean  ok;
  char     *key;
  GError   *error;
} Result;

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->ok = cc_keys_store_finish (result, &r->error);
  r->done = TRUE;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->key = cc_keys_lookup_finish (result, &r->error);
  r->done = TRUE;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->ok = cc_keys_clear_finish (result, &r->error);
  r->done = TRUE;
}

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
secret_service_available (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static void
test_round_trip (void)
{
  Result r = { 0, };

  if (!secret_service_available ())
    {
      g_test_skip ("No Secret Service on the session bus");
      return;
    }

  cc_keys_store_async (CC_PROVIDER_ALPHAVANTAGE, "test-key-123", NULL, store_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  memset (&r, 0, sizeof r);
  cc_keys_lookup_async (CC_PROVIDER_ALPHAVANTAGE, NULL, lookup_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.key, ==, "test-key-123");
  cc_keys_free (r.key);

  /* Keys are per provider. */
  memset (&r, 0, sizeof r);
  cc_keys_lookup_async (CC_PROVIDER_STOOQ, NULL, lookup_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.key, !=, "test-key-123");
  cc_keys_free (r.key);

  memset (&r, 0, sizeof r);
  cc_keys_clear_async (CC_PROVIDER_ALPHAVANTAGE, NULL, clear_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);

  memset (&r, 0, sizeof r);
  cc_keys_lookup_async (CC_PROVIDER_ALPHAVANTAGE, NULL, lookup_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_null (r.key);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/keys/round-trip", test_round_trip);

  return g_test_run ();
}
