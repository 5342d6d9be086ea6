/* test-fetch.c: the fetcher, the refresher and `chipcycle fetch` against a SoupServer on
 * 127.0.0.1 serving the recorded replies, with faults injected: timeouts, resets, truncated
 * and oversized bodies, a slow server, rate limits, 5xx and cancellation. Every case must end
 * in data or a clear error, never a crash, a hang or lost cache. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>

#include "cc-cache.h"
#include "cc-data-error.h"
#include "cc-dataset.h"
#include "cc-fetcher.h"
#include "cc-refresher.h"
#include "cc-test-data.h"

typedef enum {
  MODE_BODY,          /* status + body */
  MODE_HANG,          /* never answers */
  MODE_SLOW,          /* the body in small chunks, 150 ms apart */
  MODE_FAIL_FIRST,    /* @fail_status for the first @fail_count hits, then the body */
  MODE_FLOOD,         /* 10 MB of garbage, chunked, no Content-Length */
} Mode;

typedef struct {
  Mode        mode;
  guint       status;
  GBytes     *body;
  const char *content_type;
  const char *retry_after;
  guint       fail_status;
  guint       fail_count;
  guint       interval_ms;   /* MODE_SLOW: between chunks, 150 unless set */
  guint       hits;
} Route;

typedef enum {
  RAW_RESET,
  RAW_TRUNCATED,
} RawMode;

typedef struct {
  SoupServer             *server;
  char                   *base_url;
  GHashTable             *routes;        /* key -> Route */
  guint                   active;
  guint                   max_active;
  char                   *last_query;
  char                   *last_user_agent;

  GSocketService         *raw;
  char                   *raw_base_url;
  gint                    raw_mode;
  gint                    raw_hits;
  GBytes                 *aapl;

  char                   *cache_dir;
} Fixture;

static void
route_free (gpointer data)
{
  Route *route = data;

  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route);
}

static Route *
add_route (Fixture    *fixture,
           const char *key,
           Mode        mode,
           guint       status,
           GBytes     *body)
{
  Route *route = g_new0 (Route, 1);

  route->mode = mode;
  route->status = status;
  route->body = body;
  route->content_type = "application/json;charset=utf-8";
  g_hash_table_replace (fixture->routes, g_strdup (key), route);
  return route;
}

static Route *
add_fixture_route (Fixture    *fixture,
                   const char *key,
                   Mode        mode,
                   guint       status,
                   const char *dir,
                   const char *name)
{
  return add_route (fixture, key, mode, status, cc_test_load_fixture (dir, name, NULL));
}

typedef struct {
  SoupServerMessage *msg;
  GBytes            *body;
  gsize              offset;
  gsize              chunk;
  guint              source_id;
} Stream;

static void
stream_finished_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Stream *stream = user_data;

  g_clear_handle_id (&stream->source_id, g_source_remove);
  g_bytes_unref (stream->body);
  g_object_unref (stream->msg);
  g_free (stream);
}

static gboolean
stream_next_cb (gpointer user_data)
{
  Stream *stream = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  gsize length;
  const guint8 *data = g_bytes_get_data (stream->body, &length);
  gsize n = MIN (stream->chunk, length - stream->offset);

  if (n > 0)
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY, data + stream->offset, n);
      stream->offset += n;
    }
  if (stream->offset >= length)
    {
      stream->source_id = 0;
      soup_message_body_complete (body);
      soup_server_message_unpause (stream->msg);
      return G_SOURCE_REMOVE;
    }
  soup_server_message_unpause (stream->msg);
  return G_SOURCE_CONTINUE;
}

static void
start_stream (SoupServerMessage *msg,
              GBytes            *bytes,
              gsize              chunk,
              guint              interval_ms)
{
  Stream *stream = g_new0 (Stream, 1);

  stream->msg = g_object_ref (msg);
  stream->body = g_bytes_ref (bytes);
  stream->chunk = chunk;
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/json", NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  soup_server_message_pause (msg);
  stream->source_id = g_timeout_add (interval_ms, stream_next_cb, stream);
}

static void
message_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpuint (fixture->active, >, 0);
  fixture->active--;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *key = NULL;
  const char *ua;
  Route *route;

  g_free (fixture->last_query);
  fixture->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  ua = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                     "User-Agent");
  g_free (fixture->last_user_agent);
  fixture->last_user_agent = g_strdup (ua);

  if (g_str_has_prefix (path, "/v8/finance/chart/"))
    key = g_uri_unescape_string (path + strlen ("/v8/finance/chart/"), NULL);
  else if (g_str_equal (path, "/q/d/l/") && query != NULL)
    key = g_strdup (g_hash_table_lookup (query, "s"));
  else if (g_str_equal (path, "/query") && query != NULL)
    key = g_strdup (g_hash_table_lookup (query, "symbol"));
  else if (g_str_has_prefix (path, "/tiingo/daily/"))
    key = g_strdup_printf ("tiingo:%s", path + strlen ("/tiingo/daily/"));
  else if (g_str_equal (path, "/time_series") && query != NULL)
    key = g_strdup_printf ("twelvedata:%s", (char *) g_hash_table_lookup (query, "symbol"));

  route = key ? g_hash_table_lookup (fixture->routes, key) : NULL;
  if (route == NULL)
    {
      soup_server_message_set_status (msg, 500, "No route in the test server");
      return;
    }
  route->hits++;

  fixture->active++;
  fixture->max_active = MAX (fixture->max_active, fixture->active);
  g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb), fixture);

  switch (route->mode)
    {
    case MODE_FAIL_FIRST:
      if (route->hits <= route->fail_count)
        {
          soup_server_message_set_status (msg, route->fail_status, NULL);
          if (route->retry_after)
            soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                          "Retry-After", route->retry_after);
          soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                            "Too Many Requests\r\n", 19);
          return;
        }
      G_GNUC_FALLTHROUGH;
    case MODE_BODY:
      {
        gsize length;
        const char *data = g_bytes_get_data (route->body, &length);

        soup_server_message_set_status (msg, route->status, NULL);
        if (route->retry_after)
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", route->retry_after);
        soup_server_message_set_response (msg, route->content_type, SOUP_MEMORY_COPY, data,
                                          length);
      }
      return;
    case MODE_HANG:
      soup_server_message_pause (msg);
      return;
    case MODE_SLOW:
      start_stream (msg, route->body, 700, route->interval_ms ? route->interval_ms : 150);
      return;
    case MODE_FLOOD:
      start_stream (msg, route->body, 1024 * 1024, 1);
      return;
    default:
      g_assert_not_reached ();
    }
}

/* A bare socket server for faults libsoup's server will not produce: a reset connection and a
 * body cut short of its Content-Length. Runs in its own threads, so it may block. */
static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source,
            gpointer                user_data)
{
  Fixture *fixture = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GSocket *socket = g_socket_connection_get_socket (connection);
  char request[8192];
  gsize got = 0;

  while (got < sizeof request - 1)
    {
      gssize n = g_input_stream_read (in, request + got, sizeof request - 1 - got, NULL, NULL);

      if (n <= 0)
        break;
      got += n;
      request[got] = '\0';
      if (strstr (request, "\r\n\r\n"))
        break;
    }
  g_atomic_int_inc (&fixture->raw_hits);

  if (g_atomic_int_get (&fixture->raw_mode) == RAW_RESET)
    {
      struct linger linger = { 1, 0 };

      /* Linger 0: close() sends a RST, as a crashing proxy would. */
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
      g_socket_close (socket, NULL);
    }
  else
    {
      gsize length;
      const char *body = g_bytes_get_data (fixture->aapl, &length);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json"
                                               "\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                                               length);

      g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
      g_output_stream_write_all (out, body, length / 2, NULL, NULL, NULL);
      g_output_stream_flush (out, NULL, NULL);
      g_socket_shutdown (socket, FALSE, TRUE, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  GSList *uris;

  fixture->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture->aapl = cc_test_load_fixture ("yahoo", "chart_AAPL_2020-08-31_to_2020-11-07.body.json",
                                        NULL);
  fixture->raw = g_threaded_socket_service_new (4);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_listener_add_address (G_SOCKET_LISTENER (fixture->raw), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &effective,
                                 &error);
  g_assert_no_error (error);
  fixture->raw_base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                           g_inet_socket_address_get_port (
                                             G_INET_SOCKET_ADDRESS (effective)));
  g_signal_connect (fixture->raw, "run", G_CALLBACK (raw_run_cb), fixture);
  g_socket_service_start (fixture->raw);

  fixture->cache_dir = g_dir_make_tmp ("cc-fetch-cache-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  /* The test's client is gone: let the server see its connections close, then stop it. */
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  soup_server_disconnect (fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->server);
  g_socket_service_stop (fixture->raw);
  g_socket_listener_close (G_SOCKET_LISTENER (fixture->raw));
  g_clear_object (&fixture->raw);
  g_clear_pointer (&fixture->routes, g_hash_table_unref);
  g_clear_pointer (&fixture->aapl, g_bytes_unref);
  g_free (fixture->base_url);
  g_free (fixture->raw_base_url);
  g_free (fixture->last_query);
  g_free (fixture->last_user_agent);
  cc_test_remove_tree (fixture->cache_dir);
  g_free (fixture->cache_dir);
}

static CcFetcher *
make_fetcher (Fixture    *fixture,
              const char *base_url)
{
  CcFetcher *fetcher = cc_fetcher_new ();

  for (guint i = 0; i < CC_N_PROVIDERS; i++)
    cc_fetcher_set_base_url (fetcher, i, base_url ? base_url : fixture->base_url);
  /* Short enough for a test, long enough for a loaded CI machine. */
  cc_fetcher_set_timeout (fetcher, 1);
  cc_fetcher_set_retry_policy (fetcher, 2, 20, 2);
  return fetcher;
}

typedef struct {
  gboolean  done;
  CcSeries *series;
  GError   *error;
} Result;

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Result *r = user_data;

  r->series = cc_fetcher_fetch_finish (CC_FETCHER (object), result, &r->error);
  r->done = TRUE;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs one fetch to its end; fails the test if it takes more than @max_seconds. */
static CcSeries *
fetch (CcFetcher     *fetcher,
       CcProviderId   provider,
       const char    *symbol,
       GCancellable  *cancellable,
       double         max_seconds,
       GError       **error)
{
  Result r = { FALSE, NULL, NULL };
  gint64 start = g_get_monotonic_time ();

  cc_fetcher_fetch_async (fetcher, provider, symbol, cc_date_from_ymd (2020, 8, 31),
                          cc_date_from_ymd (2020, 11, 6), cancellable, fetch_done_cb, &r);
  while (!r.done)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpfloat ((g_get_monotonic_time () - start) / 1e6, <, max_seconds);
    }
  g_assert_true ((r.series != NULL) != (r.error != NULL));
  if (r.error)
    {
      g_test_message ("%s: %s", symbol, r.error->message);
      g_propagate_error (error, r.error);
    }
  return r.series;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
test_yahoo_recorded (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(CcSeries) aapl = NULL;
  g_autoptr(CcSeries) sox = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double close;
  guint n_actions;

  add_fixture_route (fixture, "AAPL", MODE_BODY, 200, "yahoo",
                     "chart_AAPL_2020-08-31_to_2020-11-07.body.json");
  add_fixture_route (fixture, "^SOX", MODE_BODY, 200, "yahoo",
                     "chart_SOX_2026-09-08_to_2026-10-05_1d.body.json");

  aapl = fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (aapl), ==, 49);
  g_assert_true (cc_series_get_close (aapl, cc_date_from_ymd (2020, 8, 31), &close));
  g_assert_cmpfloat (close, ==, 129.04);
  cc_series_get_actions (aapl, &n_actions);
  g_assert_cmpuint (n_actions, ==, 2);
  g_assert_cmpint (cc_series_get_origin (aapl), ==, CC_ORIGIN_PROVIDER);
  g_assert_cmpint (cc_series_get_fetched_at (aapl), >=, now);
  g_assert_cmpint (cc_series_get_fetched_at (aapl), <=, now + 60);
  /* What Yahoo needs to see: a browser agent, splits and dividends, the window in UTC. */
  g_assert_true (g_str_has_prefix (fixture->last_user_agent, "Mozilla/5.0"));
  g_assert_nonnull (strstr (fixture->last_query, "events=div%2Csplits"));
  g_assert_nonnull (strstr (fixture->last_query, "period1=1598832000"));
  g_assert_nonnull (strstr (fixture->last_query, "period2=1604707200"));

  /* The ^SOX window is outside the one asked for: clipped to nothing is an error… */
  sox = fetch (fetcher, CC_PROVIDER_YAHOO, "^SOX", NULL, 10, &error);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA);
  g_clear_error (&error);
}

static void
sox_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  fetch_done_cb (object, result, user_data);
}

static void
test_yahoo_sox (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  Result r = { FALSE, NULL, NULL };
  const CcPoint *last;

  add_fixture_route (fixture, "^SOX", MODE_BODY, 200, "yahoo",
                     "chart_SOX_2026-09-08_to_2026-10-05_1d.body.json");
  /* …and with no window the provider's own range is kept whole. */
  cc_fetcher_fetch_async (fetcher, CC_PROVIDER_YAHOO, "^SOX", CC_DATE_INVALID, CC_DATE_INVALID,
                          NULL, sox_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_cmpuint (cc_series_get_n_points (r.series), ==, 20);
  last = cc_series_get_last (r.series);
  g_assert_cmpint (last->date, ==, cc_date_from_ymd (2026, 10, 5));
  g_assert_cmpfloat (last->close, ==, 13128.23);
  g_assert_cmpint (last->flags, ==, CC_POINT_FLAG_UNFINISHED);
  g_assert_nonnull (strstr (fixture->last_query, "range=1y"));
  g_object_unref (r.series);
}

static void
test_yahoo_error_shapes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) nulls = NULL;
  CcSeries *series;

  add_fixture_route (fixture, "ZZZZ", MODE_BODY, 404, "providers", "yahoo_404.json");
  add_fixture_route (fixture, "OLD", MODE_BODY, 400, "providers", "yahoo_400.json");
  add_fixture_route (fixture, "EMPTY", MODE_BODY, 200, "providers", "yahoo_empty_window.json");
  add_fixture_route (fixture, "CONSENT", MODE_BODY, 200, "providers", "stooq_verify.html");
  add_fixture_route (fixture, "NULLS", MODE_BODY, 200, "providers",
                     "yahoo_aapl_with_nulls.json");

  series = fetch (fetcher, CC_PROVIDER_YAHOO, "ZZZZ", NULL, 10, &error);
  g_assert_null (series);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL);
  g_clear_error (&error);
  series = fetch (fetcher, CC_PROVIDER_YAHOO, "OLD", NULL, 10, &error);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA);
  g_clear_error (&error);
  series = fetch (fetcher, CC_PROVIDER_YAHOO, "EMPTY", NULL, 10, &error);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA);
  g_clear_error (&error);
  series = fetch (fetcher, CC_PROVIDER_YAHOO, "CONSENT", NULL, 10, &error);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED);
  g_clear_error (&error);
  /* Error pages with nothing readable in them: the status decides. */
  add_route (fixture, "GONE", MODE_BODY, 404, g_bytes_new_static ("", 0));
  add_route (fixture, "FORBID", MODE_BODY, 403, g_bytes_new_static ("Forbidden", 9));
  series = fetch (fetcher, CC_PROVIDER_YAHOO, "GONE", NULL, 10, &error);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL);
  g_clear_error (&error);
  series = fetch (fetcher, CC_PROVIDER_YAHOO, "FORBID", NULL, 10, &error);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "403"));
  g_clear_error (&error);
  nulls = fetch (fetcher, CC_PROVIDER_YAHOO, "NULLS", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (nulls), ==, 47);
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) later = NULL;
  Route *plain, *patient, *hopeless;
  gint64 start;

  plain = add_fixture_route (fixture, "AAPL", MODE_BODY, 429, "providers", "yahoo_429.txt");
  plain->content_type = "text/plain";
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "rate limited"));
  g_assert_nonnull (strstr (error->message, "AAPL"));
  g_assert_nonnull (strstr (error->message, "Yahoo Finance"));
  /* No Retry-After: asking again at once would only make it worse. */
  g_assert_cmpuint (plain->hits, ==, 1);
  g_clear_error (&error);

  /* Retry-After: 1 is honoured, then the data comes. */
  patient = add_route (fixture, "MU", MODE_FAIL_FIRST, 200, g_bytes_ref (fixture->aapl));
  patient->fail_status = 429;
  patient->fail_count = 1;
  patient->retry_after = "1";
  start = g_get_monotonic_time ();
  later = fetch (fetcher, CC_PROVIDER_YAHOO, "MU", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (later), ==, 49);
  g_assert_cmpuint (patient->hits, ==, 2);
  g_assert_cmpfloat (seconds_since (start), >=, 0.9);

  /* A wait longer than we are willing to make is reported, with the wait. */
  hopeless = add_route (fixture, "NVDA", MODE_FAIL_FIRST, 200, g_bytes_ref (fixture->aapl));
  hopeless->fail_status = 429;
  hopeless->fail_count = 100;
  hopeless->retry_after = "3600";
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "NVDA", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "3600"));
  g_assert_cmpuint (hopeless->hits, ==, 1);
}

static void
test_server_errors_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) series = NULL;
  Route *flaky, *down;
  gint64 start;

  cc_fetcher_set_retry_policy (fetcher, 2, 200, 2);
  flaky = add_route (fixture, "AAPL", MODE_FAIL_FIRST, 200, g_bytes_ref (fixture->aapl));
  flaky->fail_status = 503;
  flaky->fail_count = 2;
  start = g_get_monotonic_time ();
  series = fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (series), ==, 49);
  g_assert_cmpuint (flaky->hits, ==, 3);
  /* Waited 200 ms, then 400 ms: exponential backoff. */
  g_assert_cmpfloat (seconds_since (start), >=, 0.6);

  down = add_route (fixture, "MU", MODE_FAIL_FIRST, 200, g_bytes_ref (fixture->aapl));
  down->fail_status = 502;
  down->fail_count = 100;
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "MU", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "502"));
  g_assert_cmpuint (down->hits, ==, 3);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  Route *route;

  route = add_route (fixture, "AAPL", MODE_HANG, 200, g_bytes_ref (fixture->aapl));
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 20, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "AAPL"));
  g_assert_cmpuint (route->hits, ==, 3);
}

static void
test_connection_reset (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, fixture->raw_base_url);
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&fixture->raw_mode, RAW_RESET);
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 20, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_OFFLINE);
  g_assert_cmpint (g_atomic_int_get (&fixture->raw_hits), ==, 3);
}

static void
test_truncated_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, fixture->raw_base_url);
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&fixture->raw_mode, RAW_TRUNCATED);
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 20, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_OFFLINE);
  g_assert_cmpint (g_atomic_int_get (&fixture->raw_hits), ==, 3);
}

static GBytes *
make_garbage (gsize size)
{
  guint8 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < size; i += 4)
    {
      guint32 v = g_rand_int (rand);
      memcpy (data + i, &v, MIN (4, size - i));
    }
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

static void
test_garbage_10mb (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) garbage = make_garbage (10 * 1024 * 1024);
  g_autoptr(GBytes) small = make_garbage (3000);

  add_route (fixture, "LEN", MODE_BODY, 200, g_bytes_ref (garbage));
  add_route (fixture, "CHUNKED", MODE_FLOOD, 200, g_bytes_ref (garbage));
  add_route (fixture, "SMALL", MODE_BODY, 200, g_bytes_ref (small));

  /* Told by Content-Length… */
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "LEN", NULL, 20, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_TOO_LARGE);
  g_clear_error (&error);
  /* …or found while reading: stopped at the cap, never buffered whole. */
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "CHUNKED", NULL, 20, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_TOO_LARGE);
  g_clear_error (&error);
  /* Garbage of a plausible size is a format error. */
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "SMALL", NULL, 20, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED);
  g_clear_error (&error);
  g_assert_null (fetch (fetcher, CC_PROVIDER_STOOQ, "SMALL", NULL, 20, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY);
}

static void
test_slow_server (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) series = NULL;
  gint64 start = g_get_monotonic_time ();
  Route *route;

  /* 6.4 kB in 700-byte chunks 250 ms apart: longer in total than the 2 s socket timeout, but
   * never silent for that long (the margin keeps a loaded machine from failing the test). */
  cc_fetcher_set_timeout (fetcher, 2);
  route = add_route (fixture, "AAPL", MODE_SLOW, 200, g_bytes_ref (fixture->aapl));
  route->interval_ms = 250;
  series = fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (series), ==, 49);
  g_assert_cmpuint (route->hits, ==, 1);
  g_assert_cmpfloat (seconds_since (start), >=, 2.2);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancellable2 = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Route *backoff;
  gint64 start;

  add_route (fixture, "HANG", MODE_HANG, 200, g_bytes_ref (fixture->aapl));
  /* Mid-request. */
  cc_fetcher_set_timeout (fetcher, 30);
  start = g_get_monotonic_time ();
  g_timeout_add (200, cancel_cb, cancellable);
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "HANG", cancellable, 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 2);
  g_clear_error (&error);

  /* While waiting to retry. */
  cc_fetcher_set_retry_policy (fetcher, 2, 10000, 2);
  backoff = add_route (fixture, "DOWN", MODE_FAIL_FIRST, 200, g_bytes_ref (fixture->aapl));
  backoff->fail_status = 503;
  backoff->fail_count = 100;
  start = g_get_monotonic_time ();
  g_timeout_add (300, cancel_cb, cancellable2);
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "DOWN", cancellable2, 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 2);
  g_assert_cmpuint (backoff->hits, ==, 1);
  g_clear_error (&error);

  /* Before it starts. */
  g_cancellable_cancel (cancelled);
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "HANG", cancelled, 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cc_fetcher_get_n_active (fetcher), ==, 0);
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CcFetcher) fetcher = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago: nobody listens there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  fetcher = make_fetcher (fixture, url);
  g_assert_null (fetch (fetcher, CC_PROVIDER_YAHOO, "AAPL", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "Yahoo Finance"));
}

typedef struct {
  Fixture   *fixture;
  CcFetcher *fetcher;
  guint      done;
  guint      max_in_flight;
} Many;

static void
many_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Many *many = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) series = cc_fetcher_fetch_finish (CC_FETCHER (object), result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (series), ==, 49);
  many->done++;
}

static void
test_concurrency_cap (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  Many many = { fixture, fetcher, 0, 0 };
  const guint n = 8;

  cc_fetcher_set_max_concurrent (fetcher, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *symbol = g_strdup_printf ("S%u", i);

      add_route (fixture, symbol, MODE_SLOW, 200, g_bytes_ref (fixture->aapl));
      cc_fetcher_fetch_async (fetcher, CC_PROVIDER_YAHOO, symbol, CC_DATE_INVALID,
                              CC_DATE_INVALID, NULL, many_done_cb, &many);
    }
  while (many.done < n)
    {
      g_main_context_iteration (NULL, TRUE);
      many.max_in_flight = MAX (many.max_in_flight, cc_fetcher_get_n_active (fetcher));
    }
  g_assert_cmpuint (many.max_in_flight, <=, 3);
  g_assert_cmpuint (fixture->max_active, <=, 3);
  g_assert_cmpuint (fixture->max_active, >=, 2);
}

static void
test_stooq_alphavantage (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) nvda = NULL;
  g_autoptr(CcSeries) av = NULL;
  Route *stooq, *limit;
  CcSeries *series;

  stooq = add_fixture_route (fixture, "nvda.us", MODE_BODY, 200, "layouts",
                             "nvda.us_2018-01-02_2018-11-02_stooq_style.csv");
  stooq->content_type = "text/csv";

  /* No key: refused before any request is made. */
  series = fetch (fetcher, CC_PROVIDER_STOOQ, "NVDA", NULL, 10, &error);
  g_assert_null (series);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY);
  g_assert_cmpuint (stooq->hits, ==, 0);
  g_clear_error (&error);

  cc_fetcher_set_api_key (fetcher, CC_PROVIDER_STOOQ, "s3cret");
  cc_fetcher_set_api_key (fetcher, CC_PROVIDER_ALPHAVANTAGE, "av-key");
  {
    Result r = { FALSE, NULL, NULL };

    cc_fetcher_fetch_async (fetcher, CC_PROVIDER_STOOQ, "NVDA", cc_date_from_ymd (2018, 10, 1),
                            cc_date_from_ymd (2018, 11, 2), NULL, fetch_done_cb, &r);
    while (!r.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (r.error);
    nvda = r.series;
  }
  /* Clipped to the window asked for. */
  g_assert_cmpint (cc_series_get_first (nvda)->date, ==, cc_date_from_ymd (2018, 10, 1));
  g_assert_cmpfloat (cc_series_get_last (nvda)->close, ==, 214.92);
  g_assert_nonnull (strstr (fixture->last_query, "apikey=s3cret"));
  g_assert_nonnull (strstr (fixture->last_query, "d1=20181001&d2=20181102"));

  add_fixture_route (fixture, "NVDA", MODE_BODY, 200, "providers", "av_nvda_daily.json");
  {
    Result r = { FALSE, NULL, NULL };

    cc_fetcher_fetch_async (fetcher, CC_PROVIDER_ALPHAVANTAGE, "NVDA", CC_DATE_INVALID,
                            CC_DATE_INVALID, NULL, fetch_done_cb, &r);
    while (!r.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (r.error);
    av = r.series;
  }
  g_assert_cmpuint (cc_series_get_n_points (av), ==, 5);
  g_assert_nonnull (strstr (fixture->last_query, "function=TIME_SERIES_DAILY"));
  g_assert_nonnull (strstr (fixture->last_query, "apikey=av-key"));

  /* Errors sent with HTTP 200 over the wire too. */
  limit = add_fixture_route (fixture, "IBM", MODE_BODY, 200, "providers",
                             "av_rate_limit_day.json");
  g_assert_null (fetch (fetcher, CC_PROVIDER_ALPHAVANTAGE, "IBM", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED);
  g_assert_cmpuint (limit->hits, ==, 1);
  g_clear_error (&error);
  add_fixture_route (fixture, "ibm.us", MODE_BODY, 200, "providers", "stooq_verify.html");
  g_assert_null (fetch (fetcher, CC_PROVIDER_STOOQ, "IBM", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED);
}

static void
test_tiingo_twelvedata (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) tiingo = NULL;
  g_autoptr(CcSeries) twelve = NULL;

  cc_fetcher_set_api_key (fetcher, CC_PROVIDER_TIINGO, "tk");
  cc_fetcher_set_api_key (fetcher, CC_PROVIDER_TWELVEDATA, "td");
  add_fixture_route (fixture, "tiingo:AAPL/prices", MODE_BODY, 200, "providers",
                     "tiingo_aapl.json");
  add_fixture_route (fixture, "twelvedata:AAPL", MODE_BODY, 200, "providers",
                     "twelvedata_aapl.json");
  add_fixture_route (fixture, "tiingo:ZZZZ/prices", MODE_BODY, 404, "providers",
                     "tiingo_404.json");
  add_fixture_route (fixture, "twelvedata:MU", MODE_BODY, 200, "providers",
                     "twelvedata_429.json");

  tiingo = fetch (fetcher, CC_PROVIDER_TIINGO, "AAPL", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (tiingo), ==, 49);
  g_assert_nonnull (strstr (fixture->last_query, "startDate=2020-08-31&endDate=2020-11-06"));
  g_assert_nonnull (strstr (fixture->last_query, "token=tk"));
  twelve = fetch (fetcher, CC_PROVIDER_TWELVEDATA, "AAPL", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (twelve), ==, 49);
  g_assert_nonnull (strstr (fixture->last_query, "apikey=td"));

  g_assert_null (fetch (fetcher, CC_PROVIDER_TIINGO, "ZZZZ", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL);
  g_clear_error (&error);
  /* A rate limit sent with HTTP 200. */
  g_assert_null (fetch (fetcher, CC_PROVIDER_TWELVEDATA, "MU", NULL, 10, &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED);
}

/* Who each provider is told is asking: Chip Cycle by name, version and homepage; a browser's
 * agent only for Yahoo, which refuses programs (cc-provider.c says why). */
static void
test_user_agent (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct {
    CcProviderId  provider;
    const char   *route;
    const char   *dir;
    const char   *file;
  } cases[] = {
    { CC_PROVIDER_YAHOO, "AAPL", "yahoo", "chart_AAPL_2020-08-31_to_2020-11-07.body.json" },
    { CC_PROVIDER_STOOQ, "aapl.us", "layouts", "nvda.us_2018-01-02_2018-11-02_stooq_style.csv" },
    { CC_PROVIDER_ALPHAVANTAGE, "AAPL", "providers", "av_nvda_daily.json" },
    { CC_PROVIDER_TIINGO, "tiingo:AAPL/prices", "providers", "tiingo_aapl.json" },
    { CC_PROVIDER_TWELVEDATA, "twelvedata:AAPL", "providers", "twelvedata_aapl.json" },
  };
  const char *ours = "ChipCycle/" PACKAGE_VERSION " (+" PACKAGE_URL ")";
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);

  g_assert_true (g_str_has_prefix (ours, "ChipCycle/0."));
  g_assert_true (g_str_has_suffix (ours, " (+https://github.com/chipcycle/chipcycle)"));
  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == CC_N_PROVIDERS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CcProvider *provider = cc_provider_get (cases[i].provider);
      g_autoptr(GError) error = NULL;
      g_autoptr(CcSeries) series = NULL;
      Route *route;

      g_test_message ("%s", provider->name);
      cc_fetcher_set_api_key (fetcher, cases[i].provider, "ua-test-key");
      route = add_fixture_route (fixture, cases[i].route, MODE_BODY, 200, cases[i].dir,
                                 cases[i].file);
      g_clear_pointer (&fixture->last_user_agent, g_free);
      series = fetch (fetcher, cases[i].provider, "AAPL", NULL, 10, &error);
      /* Whatever the parser made of the reply, the request reached the server. */
      g_clear_error (&error);
      g_assert_cmpuint (route->hits, ==, 1);
      g_assert_nonnull (fixture->last_user_agent);
      g_assert_cmpstr (fixture->last_user_agent, ==, cc_provider_get_user_agent (provider));

      if (cases[i].provider == CC_PROVIDER_YAHOO)
        {
          g_assert_true (g_str_has_prefix (fixture->last_user_agent, "Mozilla/5.0 "));
          g_assert_nonnull (strstr (fixture->last_user_agent, " Chrome/"));
        }
      else
        {
          /* Keyed APIs above all: the key's owner is a program, and says which. */
          g_assert_cmpstr (fixture->last_user_agent, ==, ours);
        }
      g_hash_table_remove (fixture->routes, cases[i].route);
    }
}

/* The refresher, as the window uses it. It is never given the real keyring: this stands in for
 * it, so a key the user stored can neither change a result nor be read by a test. */

static struct {
  const char *key;      /* what the stand-in keyring holds, or NULL */
  gboolean    locked;   /* whether it answers as a locked keyring does */
  guint       lookups;
} fake_keyring;

static void
fake_key_lookup (CcProviderId         provider,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  fake_keyring.lookups++;
  if (fake_keyring.locked)
    g_task_return_new_error (task, CC_DATA_ERROR, CC_DATA_ERROR_KEYRING,
                             "Cannot read the %s API key: the keyring is locked",
                             cc_provider_get (provider)->name);
  else
    g_task_return_pointer (task, g_strdup (fake_keyring.key), g_free);
}

static char *
fake_key_finish (GAsyncResult  *result,
                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static CcRefresher *
make_refresher (CcFetcher *fetcher,
                CcCache   *cache)
{
  CcRefresher *refresher = cc_refresher_new (fetcher, cache);

  memset (&fake_keyring, 0, sizeof fake_keyring);
  cc_refresher_set_key_source (refresher, fake_key_lookup, fake_key_finish);
  return refresher;
}

typedef struct {
  GArray  *progress;    /* pairs of guint */
  GPtrArray *failed;
  GPtrArray *updated;
  gboolean done;
  gboolean ok;
  guint    n_updated;
  GError  *error;
} Refresh;

static void
progress_cb (CcRefresher *refresher,
             guint        done,
             guint        total,
             Refresh     *r)
{
  g_array_append_val (r->progress, done);
  g_array_append_val (r->progress, total);
}

static void
failed_cb (CcRefresher  *refresher,
           const char   *symbol,
           const GError *error,
           Refresh      *r)
{
  g_assert_nonnull (error);
  g_ptr_array_add (r->failed, g_strdup (symbol));
}

static void
updated_cb (CcRefresher *refresher,
            const char  *symbol,
            Refresh     *r)
{
  g_ptr_array_add (r->updated, g_strdup (symbol));
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *r = user_data;

  r->ok = cc_refresher_refresh_finish (CC_REFRESHER (object), result, &r->n_updated, &r->error);
  r->done = TRUE;
}

static void
run_refresh_window (CcRefresher         *refresher,
                    CcDataset           *dataset,
                    const char * const  *symbols,
                    CcDate               from,
                    CcDate               to,
                    GCancellable        *cancellable,
                    Refresh             *r)
{
  gulong ids[3];
  gint64 start = g_get_monotonic_time ();

  memset (r, 0, sizeof *r);
  r->progress = g_array_new (FALSE, FALSE, sizeof (guint));
  r->failed = g_ptr_array_new_with_free_func (g_free);
  r->updated = g_ptr_array_new_with_free_func (g_free);
  ids[0] = g_signal_connect (refresher, "progress", G_CALLBACK (progress_cb), r);
  ids[1] = g_signal_connect (refresher, "symbol-failed", G_CALLBACK (failed_cb), r);
  ids[2] = g_signal_connect (refresher, "symbol-updated", G_CALLBACK (updated_cb), r);
  cc_refresher_refresh_async (refresher, dataset, symbols, from, to, cancellable,
                              refresh_done_cb, r);
  g_assert_true (cc_refresher_is_running (refresher));
  while (!r->done)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpfloat (seconds_since (start), <, 30);
    }
  g_assert_false (cc_refresher_is_running (refresher));
  for (guint i = 0; i < 3; i++)
    g_signal_handler_disconnect (refresher, ids[i]);
}

static void
run_refresh (CcRefresher         *refresher,
             CcDataset           *dataset,
             const char * const  *symbols,
             GCancellable        *cancellable,
             Refresh             *r)
{
  run_refresh_window (refresher, dataset, symbols, cc_date_from_ymd (2020, 8, 31),
                      cc_date_from_ymd (2020, 11, 6), cancellable, r);
}

static void
refresh_clear (Refresh *r)
{
  g_array_unref (r->progress);
  g_ptr_array_unref (r->failed);
  g_ptr_array_unref (r->updated);
  g_clear_error (&r->error);
}

static CcSeries *
bundled_series (const char *symbol)
{
  CcSeries *series = cc_series_new (symbol, CC_LEVEL_INDEX);

  cc_series_set_source (series, "offline dataset");
  cc_series_append (series, cc_date_from_ymd (2020, 8, 31), 100, CC_PROVENANCE_ANCHORED, 0);
  cc_series_append (series, cc_date_from_ymd (2020, 9, 1), 101, CC_PROVENANCE_RECONSTRUCTED, 0);
  return series;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const symbols[] = { "AAPL", "MU", "ZZZZ", NULL };
  static const char * const aapl_only[] = { "AAPL", NULL };
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(CcCache) cache = cc_cache_new (fixture->cache_dir);
  g_autoptr(CcRefresher) refresher = make_refresher (fetcher, cache);
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcSeries) bundled = bundled_series ("ZZZZ");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *aapl_path = cc_cache_get_path (cache, "yahoo", "AAPL");
  g_autofree char *cached_before = NULL;
  g_autofree char *cached_after = NULL;
  CcSeries *good;
  Route *aapl;
  Refresh r;

  aapl = add_route (fixture, "AAPL", MODE_BODY, 200, g_bytes_ref (fixture->aapl));
  add_route (fixture, "MU", MODE_SLOW, 200, g_bytes_ref (fixture->aapl));
  add_fixture_route (fixture, "ZZZZ", MODE_BODY, 404, "providers", "yahoo_404.json");
  cc_dataset_set_series (dataset, bundled);

  run_refresh (refresher, dataset, symbols, NULL, &r);
  g_assert_false (r.ok);
  /* One failure: its own error, naming the symbol. */
  g_assert_error (r.error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (r.error->message, "ZZZZ"));
  g_assert_cmpuint (r.n_updated, ==, 2);
  /* Progress from 0/3 to 3/3, one step per symbol. */
  g_assert_cmpuint (r.progress->len, ==, 8);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (g_array_index (r.progress, guint, 2 * i), ==, i);
      g_assert_cmpuint (g_array_index (r.progress, guint, 2 * i + 1), ==, 3);
    }
  g_assert_cmpuint (r.failed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r.failed, 0), ==, "ZZZZ");
  g_assert_cmpuint (r.updated->len, ==, 2);
  refresh_clear (&r);

  good = cc_dataset_get_series (dataset, "AAPL");
  g_assert_nonnull (good);
  g_assert_cmpint (cc_series_get_origin (good), ==, CC_ORIGIN_PROVIDER);
  g_assert_cmpuint (cc_series_get_n_points (good), ==, 49);
  g_assert_nonnull (cc_dataset_get_series (dataset, "MU"));
  /* The failed symbol keeps what it had. */
  g_assert_true (cc_dataset_get_series (dataset, "ZZZZ") == bundled);
  g_assert_true (g_file_test (aapl_path, G_FILE_TEST_IS_REGULAR));
  cached_before = read_file (aapl_path);

  /* Now Yahoo rate-limits: the good series and its cache stay as they were. */
  aapl->status = 429;
  g_bytes_unref (aapl->body);
  aapl->body = cc_test_load_fixture ("providers", "yahoo_429.txt", NULL);
  g_object_ref (good);
  run_refresh (refresher, dataset, aapl_only, NULL, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED);
  g_assert_true (cc_dataset_get_series (dataset, "AAPL") == good);
  g_assert_cmpuint (cc_series_get_n_points (good), ==, 49);
  cached_after = read_file (aapl_path);
  g_assert_cmpstr (cached_before, ==, cached_after);
  refresh_clear (&r);

  /* Cancelled mid-request: same. */
  aapl->mode = MODE_HANG;
  cc_fetcher_set_timeout (fetcher, 30);
  g_timeout_add (200, cancel_cb, cancellable);
  run_refresh (refresher, dataset, aapl_only, cancellable, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (cc_dataset_get_series (dataset, "AAPL") == good);
  refresh_clear (&r);
  g_object_unref (good);
}

static void
test_refresh_needs_key (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const symbols[] = { "NVDA", "MU", NULL };
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(CcRefresher) refresher = make_refresher (fetcher, NULL);
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  Route *route;
  Refresh r;

  route = add_fixture_route (fixture, "nvda.us", MODE_BODY, 200, "layouts",
                             "nvda.us_2018-01-02_2018-11-02_stooq_style.csv");
  cc_refresher_set_provider (refresher, CC_PROVIDER_STOOQ);
  /* No key in the keyring: every symbol fails at once with a clear reason, and nothing is
   * asked of the server. */
  run_refresh (refresher, dataset, symbols, NULL, &r);
  g_assert_cmpuint (fake_keyring.lookups, ==, 1);
  g_assert_false (cc_fetcher_has_api_key (fetcher, CC_PROVIDER_STOOQ));
  g_assert_false (r.ok);
  g_assert_error (r.error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY);
  g_assert_nonnull (strstr (r.error->message, "2 of 2"));
  g_assert_cmpuint (r.failed->len, ==, 2);
  g_assert_cmpuint (route->hits, ==, 0);
  refresh_clear (&r);

  /* A locked keyring: the failure says so, rather than that no key was stored. */
  fake_keyring.locked = TRUE;
  run_refresh (refresher, dataset, symbols, NULL, &r);
  g_assert_cmpuint (fake_keyring.lookups, ==, 2);
  g_assert_false (r.ok);
  g_assert_error (r.error, CC_DATA_ERROR, CC_DATA_ERROR_KEYRING);
  g_assert_nonnull (strstr (r.error->message, "locked"));
  g_assert_cmpuint (route->hits, ==, 0);
  refresh_clear (&r);

  /* The key from the keyring goes to the fetcher and into the request. */
  fake_keyring.locked = FALSE;
  fake_keyring.key = "from-keyring";
  run_refresh_window (refresher, dataset, (const char * const[]) { "NVDA", NULL },
                      cc_date_from_ymd (2018, 10, 1), cc_date_from_ymd (2018, 11, 2), NULL, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (fake_keyring.lookups, ==, 3);
  g_assert_cmpuint (route->hits, ==, 1);
  g_assert_nonnull (strstr (fixture->last_query, "apikey=from-keyring"));
  refresh_clear (&r);

  /* A key the fetcher was given wins, and the keyring is not asked again. */
  cc_fetcher_set_api_key (fetcher, CC_PROVIDER_STOOQ, "k");
  add_fixture_route (fixture, "mu.us", MODE_BODY, 200, "layouts",
                     "nvda.us_2018-01-02_2018-11-02_stooq_style.csv");
  run_refresh_window (refresher, dataset, symbols, cc_date_from_ymd (2018, 10, 1),
                      cc_date_from_ymd (2018, 11, 2), NULL, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (fake_keyring.lookups, ==, 3);
  g_assert_true (strstr (fixture->last_query, "apikey=k&") != NULL ||
                    g_str_has_suffix (fixture->last_query, "apikey=k"));
  g_assert_cmpuint (r.n_updated, ==, 2);
  g_assert_cmpstr (cc_series_get_source (cc_dataset_get_series (dataset, "NVDA")), ==, "Stooq");
  refresh_clear (&r);
}

static void
test_refresh_corrupt_cache (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const symbols[] = { "AAPL", NULL };
  g_autoptr(CcFetcher) fetcher = make_fetcher (fixture, NULL);
  g_autoptr(CcCache) cache = cc_cache_new (fixture->cache_dir);
  g_autoptr(CcRefresher) refresher = make_refresher (fetcher, cache);
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcDataset) offline = cc_dataset_new ();
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *path = cc_cache_get_path (cache, "yahoo", "AAPL");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) reloaded = NULL;
  Refresh r;

  add_route (fixture, "AAPL", MODE_BODY, 200, g_bytes_ref (fixture->aapl));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "\x00\x01garbage{{{", 12, NULL));

  /* At start-up: reported, moved aside, nothing loaded. */
  g_assert_cmpuint (cc_refresher_load_cached (refresher, offline, symbols, &errors), ==, 0);
  g_assert_nonnull (errors);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (errors, 0), CC_DATA_ERROR,
                  CC_DATA_ERROR_CACHE_CORRUPT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Refetched and stored cleanly. */
  run_refresh (refresher, dataset, symbols, NULL, &r);
  g_assert_true (r.ok);
  g_assert_no_error (r.error);
  refresh_clear (&r);
  reloaded = cc_cache_load (cache, "yahoo", "AAPL", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (reloaded), ==, 49);

  /* And the next start-up uses it, marked as cached. */
  g_clear_pointer (&errors, g_ptr_array_unref);
  g_assert_cmpuint (cc_refresher_load_cached (refresher, offline, symbols, &errors), ==, 1);
  g_assert_null (errors);
  g_assert_cmpint (cc_series_get_origin (cc_dataset_get_series (offline, "AAPL")), ==,
                   CC_ORIGIN_CACHE);
}

/* `chipcycle fetch`, the built binary, against the test server. */

typedef struct {
  gboolean  done;
  char     *out;
  char     *err;
  int       status;
} Run;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

static void
run_cli (Fixture            *fixture,
         const char * const *args,
         Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("CHIPCYCLE_BIN");
  gint64 start = g_get_monotonic_time ();

  if (binary == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "fetch");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "CHIPCYCLE_YAHOO_URL", fixture->base_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "CHIPCYCLE_STOOQ_KEY", "test-key", TRUE);
  g_subprocess_launcher_setenv (launcher, "CHIPCYCLE_STOOQ_URL", fixture->base_url, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  memset (run, 0, sizeof *run);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, run);
  while (!run->done)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpfloat (seconds_since (start), <, 60);
    }
}

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* Drops the Source column (it holds the fetch time). */
static char *
first_five_columns (const char *csv)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 6);

      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      g_string_append_printf (out, "%s,%s,%s,%s,%s\n", fields[0], fields[1], fields[2],
                              fields[3], fields[4]);
    }
  return g_string_free (out, FALSE);
}

static void
test_cli_fetch (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) expected = cc_test_load_fixture ("providers", "expected_fetch_AAPL.csv",
                                                     NULL);
  g_autofree char *expected_text = g_strndup (g_bytes_get_data (expected, NULL),
                                              g_bytes_get_size (expected));
  g_autofree char *dir = g_dir_make_tmp ("cc-cli-fetch-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (dir, "aapl.csv", NULL);
  g_autofree char *written = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *stdout_columns = NULL;
  Run run;

  add_route (fixture, "AAPL", MODE_BODY, 200, g_bytes_ref (fixture->aapl));
  add_fixture_route (fixture, "nvda.us", MODE_BODY, 200, "layouts",
                     "nvda.us_2018-01-02_2018-11-02_stooq_style.csv");

  run_cli (fixture, (const char * const[]) { "AAPL", "--from", "2020-08-31", "--to",
                                             "2020-11-06", "--output", output, NULL }, &run);
  if (g_test_failed () || run.out == NULL)
    return;
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  written = read_file (output);
  g_assert_nonnull (written);
  columns = first_five_columns (written);
  g_assert_cmpstr (columns, ==, expected_text);
  g_assert_nonnull (strstr (written, ",Yahoo Finance 20"));
  run_clear (&run);

  /* To standard output, the same. */
  run_cli (fixture, (const char * const[]) { "AAPL", "--from", "2020-08-31", "--to",
                                             "2020-11-06", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  stdout_columns = first_five_columns (run.out);
  g_assert_cmpstr (stdout_columns, ==, expected_text);
  run_clear (&run);

  /* Another provider, its key from the environment. */
  run_cli (fixture, (const char * const[]) { "NVDA", "--provider", "stooq", "--from",
                                             "2018-11-01", "--to", "2018-11-02", NULL }, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Date,Symbol,Close,Provenance,Flags,Source\n"
                                            "2018-11-01,NVDA,218.11,observed,,Stooq 20"));
  g_assert_nonnull (strstr (run.out, "\n2018-11-02,NVDA,214.92,observed,,Stooq 20"));
  run_clear (&run);

  g_remove (output);
  g_rmdir (dir);
}

static void
test_cli_fetch_failures (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-cli-fetch-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (dir, "never.csv", NULL);
  Route *limited;
  Run run;

  limited = add_fixture_route (fixture, "AAPL", MODE_BODY, 429, "providers", "yahoo_429.txt");
  limited->content_type = "text/plain";
  add_fixture_route (fixture, "ZZZZ", MODE_BODY, 404, "providers", "yahoo_404.json");

  run_cli (fixture, (const char * const[]) { "AAPL", "--output", output, NULL }, &run);
  if (g_test_failed () || run.err == NULL)
    return;
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "rate limited"));
  /* One line saying why. */
  g_assert_true (g_str_has_suffix (run.err, "\n"));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* With a good symbol too: still a failure, and no partial file. */
  add_route (fixture, "MU", MODE_BODY, 200, g_bytes_ref (fixture->aapl));
  run_cli (fixture, (const char * const[]) { "MU", "ZZZZ", "--from", "2020-08-31", "--output",
                                             output, NULL }, &run);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "ZZZZ"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_cli (fixture, (const char * const[]) { "MU", "--provider", "nasdaq", NULL }, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "nasdaq"));
  run_clear (&run);

  run_cli (fixture, (const char * const[]) { "MU", "--from", "yesterday", NULL }, &run);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  g_rmdir (dir);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/data/fetch/yahoo-recorded", test_yahoo_recorded);
  ADD ("/data/fetch/yahoo-sox-unfinished", test_yahoo_sox);
  ADD ("/data/fetch/yahoo-error-shapes", test_yahoo_error_shapes);
  ADD ("/data/fetch/rate-limited-retry-after", test_rate_limited);
  ADD ("/data/fetch/server-errors-backoff", test_server_errors_backoff);
  ADD ("/data/fetch/timeout", test_timeout);
  ADD ("/data/fetch/connection-reset", test_connection_reset);
  ADD ("/data/fetch/truncated-body", test_truncated_body);
  ADD ("/data/fetch/garbage-10mb", test_garbage_10mb);
  ADD ("/data/fetch/slow-server", test_slow_server);
  ADD ("/data/fetch/cancel", test_cancel);
  ADD ("/data/fetch/offline", test_offline);
  ADD ("/data/fetch/concurrency-cap", test_concurrency_cap);
  ADD ("/data/fetch/stooq-alphavantage", test_stooq_alphavantage);
  ADD ("/data/fetch/tiingo-twelvedata", test_tiingo_twelvedata);
  ADD ("/data/fetch/user-agent", test_user_agent);
  ADD ("/data/refresh/progress-failures-cancel", test_refresh);
  ADD ("/data/refresh/corrupt-cache", test_refresh_corrupt_cache);
  ADD ("/data/refresh/needs-key", test_refresh_needs_key);
  ADD ("/data/cli/fetch-csv", test_cli_fetch);
  ADD ("/data/cli/fetch-failures", test_cli_fetch_failures);

  return g_test_run ();
}
