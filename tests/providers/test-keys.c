/* test-keys.c: provider API keys in a real keyring. Each case runs in a process of its own that
 * starts a private D-Bus session bus (GTestDBus) and, on it, a gnome-keyring-daemon unlocked
 * with a throwaway password, in a home of its own; keys are kept under a test-only schema. So
 * no case can read, overwrite or remove a key in the user's keyring, and every case runs (in
 * CI too) instead of skipping. Needs dbus-daemon, gnome-keyring-daemon and secret-tool
 * (Debian: dbus-daemon, gnome-keyring, libsecret-tools). */
#include "config.h"

#include <libsecret/secret.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-dataset.h"
#include "cc-fetcher.h"
#include "cc-keys-private.h"
#include "cc-refresher.h"
#include "cc-test-data.h"

/* Never the application's CC_KEYS_SCHEMA_NAME. */
#define TEST_SCHEMA "io.github.chipcycle.ChipCycle.Test.ApiKey"

typedef struct {
  GTestDBus        *bus;
  GDBusConnection  *connection;
  GSubprocess      *daemon;
  char             *home;
} Keyring;

typedef enum {
  NO_BUS,        /* no session bus at all */
  BUS_ONLY,      /* a bus, but no Secret Service on it */
  KEYRING,       /* a bus with an unlocked gnome-keyring-daemon */
} Setup;

/* What a case runs in its own process, and on what. */
typedef struct {
  Setup   setup;
  void  (*run) (Keyring *keyring);
} Case;

typedef struct {
  gboolean  done;
  gboolean  ok;
  char     *key;
  GError   *error;
} Result;

static void
wait_for (Result *r)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!r->done)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

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

static gboolean
store (CcProviderId   provider,
       const char    *key,
       GError       **error)
{
  Result r = { 0, };

  cc_keys_store_async (provider, key, NULL, store_cb, &r);
  wait_for (&r);
  g_assert_true (r.ok == (r.error == NULL));
  if (r.error)
    g_propagate_error (error, r.error);
  return r.ok;
}

static char *
lookup (CcProviderId   provider,
        GError       **error)
{
  Result r = { 0, };

  cc_keys_lookup_async (provider, NULL, lookup_cb, &r);
  wait_for (&r);
  g_assert_true (r.key == NULL || r.error == NULL);
  if (r.error)
    g_propagate_error (error, r.error);
  return r.key;
}

static gboolean
clear (CcProviderId   provider,
       GError       **error)
{
  Result r = { 0, };

  cc_keys_clear_async (provider, NULL, clear_cb, &r);
  wait_for (&r);
  g_assert_true (r.ok == (r.error == NULL));
  if (r.error)
    g_propagate_error (error, r.error);
  return r.ok;
}

static gboolean
bus_has_owner (GDBusConnection *connection,
               const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* The session bus this process (and so libsecret) talks to is the one the case started: the
 * connection's GUID is the one in our bus's address. Checked before any key is touched. */
static void
assert_private_bus (Keyring *keyring)
{
  const char *address = g_test_dbus_get_bus_address (keyring->bus);
  g_autofree char *guid = NULL;
  const char *p;

  g_assert_nonnull (address);
  g_assert_cmpstr (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), ==, address);
  g_assert_null (g_getenv ("DBUS_STARTER_ADDRESS"));
  p = strstr (address, "guid=");
  g_assert_nonnull (p);
  guid = g_strndup (p + 5, strcspn (p + 5, ",;"));
  g_assert_cmpstr (g_dbus_connection_get_guid (keyring->connection), ==, guid);
  g_assert_cmpstr (_cc_keys_get_schema_name (), ==, TEST_SCHEMA);
}

static void
keyring_up (Keyring *keyring,
            Setup    setup)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;

  _cc_keys_set_schema_name (TEST_SCHEMA);

  /* A home of our own: the daemon keeps its keyring files under XDG_DATA_HOME and its control
   * socket under XDG_RUNTIME_DIR (or XDG_CACHE_HOME). Set before any thread starts. */
  keyring->home = g_dir_make_tmp ("cc-keys-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (keyring->home, "data", NULL);
  runtime = g_build_filename (keyring->home, "runtime", NULL);
  config = g_build_filename (keyring->home, "config", NULL);
  cache = g_build_filename (keyring->home, "cache", NULL);
  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (cache, 0700), ==, 0);
  g_setenv ("HOME", keyring->home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_unsetenv ("GNOME_KEYRING_CONTROL");
  g_unsetenv ("DBUS_STARTER_ADDRESS");
  g_unsetenv ("DBUS_STARTER_BUS_TYPE");

  if (setup == NO_BUS)
    {
      g_autofree char *nowhere = g_build_filename (runtime, "no-bus", NULL);
      g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      return;
    }

  /* No service files: nothing on this bus is started on demand, so with no daemon of ours
   * there is no Secret Service at all. */
  keyring->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring->bus);
  keyring->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* The bus goes away before this process does. */
  g_dbus_connection_set_exit_on_close (keyring->connection, FALSE);
  assert_private_bus (keyring);
  g_assert_false (bus_has_owner (keyring->connection, "org.freedesktop.secrets"));

  if (setup == KEYRING)
    {
      g_autoptr(GBytes) password = g_bytes_new_static ("test-password", 13);
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      gint64 deadline;

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
      /* Our tests make warnings fatal; the daemon warns when a stored item is replaced. */
      g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
      keyring->daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                     "--foreground", "--components=secrets",
                                                     "--unlock", NULL);
      g_assert_no_error (error);
      /* --unlock reads the password of the login keyring (created on first use) up to EOF. */
      g_output_stream_write_bytes (g_subprocess_get_stdin_pipe (keyring->daemon), password,
                                   NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (g_subprocess_get_stdin_pipe (keyring->daemon), NULL, &error);
      g_assert_no_error (error);

      deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      while (!bus_has_owner (keyring->connection, "org.freedesktop.secrets"))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (G_USEC_PER_SEC / 20);
        }
    }
}

static void
keyring_down (Keyring *keyring)
{
  secret_service_disconnect ();
  if (keyring->daemon != NULL)
    {
      g_subprocess_send_signal (keyring->daemon, SIGTERM);
      g_subprocess_wait (keyring->daemon, NULL, NULL);
      g_clear_object (&keyring->daemon);
    }
  g_clear_object (&keyring->connection);
  /* Stop, not down: libsecret 0.20 keeps a reference to the session bus connection even after
   * secret_service_disconnect(), which g_test_dbus_down() would wait 30 s for. The process
   * ends right after, so the GTestDBus object is left to it. */
  if (keyring->bus != NULL)
    g_test_dbus_stop (keyring->bus);
  cc_test_remove_tree (keyring->home);
  g_clear_pointer (&keyring->home, g_free);
  _cc_keys_set_schema_name (NULL);
}

/* The items stored under @schema, as the keyring lists them (label, then attributes). */
static GList *
search_schema (const char *schema)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  g_hash_table_insert (attributes, (gpointer) "xdg:schema", (gpointer) schema);
  items = secret_password_searchv_sync (NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  return items;
}

static void
run_round_trip (Keyring *keyring)
{
  g_autoptr(GError) error = NULL;
  GList *items;
  char *key;

  /* Nothing yet: no key, and no error. */
  key = lookup (CC_PROVIDER_ALPHAVANTAGE, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  store (CC_PROVIDER_ALPHAVANTAGE, "test-key-123", &error);
  g_assert_no_error (error);
  key = lookup (CC_PROVIDER_ALPHAVANTAGE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "test-key-123");
  cc_keys_free (key);

  /* Keys are per provider. */
  key = lookup (CC_PROVIDER_STOOQ, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  store (CC_PROVIDER_STOOQ, "stooq-key", &error);
  g_assert_no_error (error);

  /* Storing again replaces the key rather than adding a second one. */
  store (CC_PROVIDER_ALPHAVANTAGE, "replaced-key", &error);
  g_assert_no_error (error);
  key = lookup (CC_PROVIDER_ALPHAVANTAGE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "replaced-key");
  cc_keys_free (key);

  /* What the user sees in Passwords and Keys: one labelled item per provider, under the
   * schema in use, and nothing under the application's. */
  items = search_schema (TEST_SCHEMA);
  g_assert_cmpuint (g_list_length (items), ==, 2);
  for (GList *l = items; l; l = l->next)
    {
      g_autofree char *label = secret_retrievable_get_label (l->data);
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *provider = g_hash_table_lookup (attributes, "provider");

      g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, TEST_SCHEMA);
      if (g_strcmp0 (provider, "alphavantage") == 0)
        g_assert_cmpstr (label, ==, "Chip Cycle: Alpha Vantage API key");
      else
        {
          g_assert_cmpstr (provider, ==, "stooq");
          g_assert_cmpstr (label, ==, "Chip Cycle: Stooq API key");
        }
    }
  g_list_free_full (items, g_object_unref);
  items = search_schema (CC_KEYS_SCHEMA_NAME);
  g_assert_null (items);

  /* The command line's blocking lookup finds the same key. */
  key = cc_keys_lookup_sync (CC_PROVIDER_STOOQ, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "stooq-key");
  cc_keys_free (key);

  /* Clearing removes that provider's key only; clearing nothing is no error. */
  clear (CC_PROVIDER_ALPHAVANTAGE, &error);
  g_assert_no_error (error);
  key = lookup (CC_PROVIDER_ALPHAVANTAGE, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  key = lookup (CC_PROVIDER_STOOQ, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "stooq-key");
  cc_keys_free (key);
  clear (CC_PROVIDER_ALPHAVANTAGE, &error);
  g_assert_no_error (error);
}

/* README.md tells users without a key dialog to store a key with secret-tool: what that
 * command stores is what Chip Cycle reads. */
static void
run_secret_tool (Keyring *keyring)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) tool = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  tool = g_subprocess_launcher_spawn (launcher, &error, "secret-tool", "store",
                                      "--label=Chip Cycle: Tiingo API key", "xdg:schema",
                                      TEST_SCHEMA, "provider", "tiingo", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (tool, "tiingo-from-secret-tool", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (tool));

  key = lookup (CC_PROVIDER_TIINGO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "tiingo-from-secret-tool");
  cc_keys_free (key);
}

static void
assert_keyring_error (const GError *error,
                      const char   *doing,
                      const char   *provider,
                      const char   *reason)
{
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_KEYRING);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, doing));
  g_assert_nonnull (strstr (error->message, provider));
  g_assert_nonnull (strstr (error->message, reason));
  /* Said in words, not in D-Bus names. */
  g_assert_null (strstr (error->message, "org.freedesktop"));
}

static void
run_no_service (Keyring *keyring)
{
  g_autoptr(GError) error = NULL;
  char *key;

  g_assert_false (store (CC_PROVIDER_STOOQ, "never-stored", &error));
  assert_keyring_error (error, "Cannot store the Stooq API key", "Stooq",
                        "no keyring service");
  g_clear_error (&error);

  key = lookup (CC_PROVIDER_TIINGO, &error);
  g_assert_null (key);
  assert_keyring_error (error, "Cannot read the Tiingo API key", "Tiingo",
                        "no keyring service");
  g_clear_error (&error);

  key = cc_keys_lookup_sync (CC_PROVIDER_TWELVEDATA, NULL, &error);
  g_assert_null (key);
  assert_keyring_error (error, "Cannot read the Twelve Data API key", "Twelve Data",
                        "no keyring service");
  g_clear_error (&error);

  g_assert_false (clear (CC_PROVIDER_ALPHAVANTAGE, &error));
  assert_keyring_error (error, "Cannot remove the Alpha Vantage API key", "Alpha Vantage",
                        "no keyring service");
}

static void
run_locked (Keyring *keyring)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *locked = NULL;
  GList *objects;
  char *key;

  store (CC_PROVIDER_STOOQ, "locked-away", &error);
  g_assert_no_error (error);

  /* Lock the keyring, as a session does on screen lock or after a timeout. */
  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, &locked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (locked), ==, 1);
  g_list_free_full (locked, g_object_unref);
  g_list_free (objects);
  g_assert_true (secret_collection_get_locked (collection));

  /* Nobody can answer the unlock prompt here (no prompter on this bus): each operation fails
   * and says the keyring is locked, rather than hanging or claiming there is no key. */
  key = lookup (CC_PROVIDER_STOOQ, &error);
  g_assert_null (key);
  assert_keyring_error (error, "Cannot read the Stooq API key", "Stooq", "locked");
  g_clear_error (&error);

  g_assert_false (store (CC_PROVIDER_STOOQ, "new-key", &error));
  assert_keyring_error (error, "Cannot store the Stooq API key", "Stooq", "locked");
  g_clear_error (&error);
}

/* The refresher (the window's path) takes the key stored in the keyring and sends it to the
 * provider: a loopback server standing in for Stooq checks it arrives. */

typedef struct {
  char  *query;
  guint  hits;
} Server;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *state = user_data;
  g_autoptr(GBytes) body = NULL;

  state->hits++;
  g_free (state->query);
  state->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  if (!g_str_equal (path, "/q/d/l/"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  body = cc_test_load_fixture ("layouts", "nvda.us_2018-01-02_2018-11-02_stooq_style.csv",
                               NULL);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->ok = cc_refresher_refresh_finish (CC_REFRESHER (object), result, NULL, &r->error);
  r->done = TRUE;
}

static void
run_refresher (Keyring *keyring)
{
  static const char * const symbols[] = { "NVDA", NULL };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(CcFetcher) fetcher = cc_fetcher_new ();
  g_autoptr(CcRefresher) refresher = NULL;
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  Server state = { NULL, 0 };
  Result r = { 0, };
  GSList *uris;

  soup_server_add_handler (server, NULL, server_cb, &state, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  store (CC_PROVIDER_STOOQ, "stored-stooq-key", &error);
  g_assert_no_error (error);

  cc_fetcher_set_base_url (fetcher, CC_PROVIDER_STOOQ, base_url);
  refresher = cc_refresher_new (fetcher, NULL);
  cc_refresher_set_provider (refresher, CC_PROVIDER_STOOQ);
  g_assert_false (cc_fetcher_has_api_key (fetcher, CC_PROVIDER_STOOQ));

  cc_refresher_refresh_async (refresher, dataset, symbols, cc_date_from_ymd (2018, 10, 1),
                              cc_date_from_ymd (2018, 11, 2), NULL, refresh_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (state.hits, ==, 1);
  g_assert_nonnull (state.query);
  g_assert_nonnull (strstr (state.query, "apikey=stored-stooq-key"));
  g_assert_true (cc_fetcher_has_api_key (fetcher, CC_PROVIDER_STOOQ));
  g_assert_cmpfloat (cc_series_get_last (cc_dataset_get_series (dataset, "NVDA"))->close, ==,
                     214.92);

  soup_server_disconnect (server);
  g_free (state.query);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  const char *missing = NULL;

  if (g_test_subprocess ())
    {
      Keyring keyring = { NULL, };

      keyring_up (&keyring, c->setup);
      c->run (&keyring);
      keyring_down (&keyring);
      return;
    }

  if (c->setup != NO_BUS && !have_program ("dbus-daemon"))
    missing = "dbus-daemon (Debian package dbus-daemon)";
  else if (c->setup == KEYRING && !have_program ("gnome-keyring-daemon"))
    missing = "gnome-keyring-daemon (Debian package gnome-keyring)";
  else if (c->run == run_secret_tool && !have_program ("secret-tool"))
    missing = "secret-tool (Debian package libsecret-tools)";
  if (missing != NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not installed: the keyring is not tested",
                                              missing);

      /* CI installs them (build-aux/dev TEST_PACKAGES): there a missing one is a failure. */
      if (g_getenv ("CI") != NULL)
        g_test_fail_printf ("%s", why);
      else
        g_test_skip (why);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  static const Case round_trip = { KEYRING, run_round_trip };
  static const Case secret_tool = { KEYRING, run_secret_tool };
  static const Case no_bus = { NO_BUS, run_no_service };
  static const Case no_service = { BUS_ONLY, run_no_service };
  static const Case locked = { KEYRING, run_locked };
  static const Case refresher = { KEYRING, run_refresher };

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/data/keys/round-trip", &round_trip, run_case);
  g_test_add_data_func ("/data/keys/secret-tool", &secret_tool, run_case);
  g_test_add_data_func ("/data/keys/no-bus", &no_bus, run_case);
  g_test_add_data_func ("/data/keys/no-service", &no_service, run_case);
  g_test_add_data_func ("/data/keys/locked", &locked, run_case);
  g_test_add_data_func ("/data/keys/refresher-uses-stored-key", &refresher, run_case);

  return g_test_run ();
}
