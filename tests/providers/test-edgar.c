/* test-edgar.c: the SEC EDGAR client against a SoupServer on 127.0.0.1 serving the fixtures
 * of tests/data/edgar (built by hand from the documented formats, see tests/data/README.md):
 * ticker to CIK, filings with older pages, acceptance times of a filer whose JSON is UTC and
 * of one whose JSON is the New York clock with a Z, event days, quarterly figures from
 * year-to-date facts, the identity, the rate limit, validators and faults; and `chipcycle
 * filings` and `chipcycle facts`. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cc-chart.h"
#include "cc-data-error.h"
#include "cc-edgar-client.h"
#include "cc-edgar-store.h"
#include "cc-edgar.h"
#include "cc-fetcher.h"
#include "cc-test-data.h"

#define CONTACT "Jane Doe jane.doe@example.org"
#define CONCEPT_PATH "/api/xbrl/companyconcept/CIK0000723125/us-gaap/" \
                     "PaymentsToAcquirePropertyPlantAndEquipment.json"

typedef enum {
  FAULT_NONE,
  FAULT_STATUS,      /* @fault_status with @fault_body for @fault_count hits (0: for ever) */
  FAULT_TRUNCATED,   /* the first half of the right body */
  FAULT_GARBAGE,
  FAULT_HTML,
} Fault;

typedef struct {
  SoupServer *server;
  char       *base_url;
  char       *cache_dir;
  GHashTable *hits;            /* path -> count */
  guint       total_hits;
  char       *last_user_agent;
  char       *last_if_none_match;
  gboolean    send_etag;
  Fault       fault;
  guint       fault_status;
  guint       fault_count;
  const char *retry_after;
  GArray     *arrivals;        /* gint64, monotonic µs */
} Fixture;

static Fixture *current;

static char *
fixture_name_for (const char *path)
{
  if (g_str_equal (path, "/files/company_tickers.json"))
    return g_strdup ("company_tickers.json");
  if (g_str_equal (path, CONCEPT_PATH))
    return g_strdup ("concept_CIK0000723125_PaymentsToAcquirePropertyPlantAndEquipment.json");
  if (g_str_has_prefix (path, "/submissions/") || g_str_has_prefix (path, "/Archives/"))
    return g_path_get_basename (path);
  return NULL;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autofree char *name = fixture_name_for (path);
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path)) + 1;
  gint64 now = g_get_monotonic_time ();

  g_hash_table_replace (fixture->hits, g_strdup (path), GUINT_TO_POINTER (count));
  fixture->total_hits++;
  g_array_append_val (fixture->arrivals, now);
  g_free (fixture->last_user_agent);
  fixture->last_user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (fixture->last_if_none_match);
  fixture->last_if_none_match = g_strdup (soup_message_headers_get_one (request,
                                                                        "If-None-Match"));

  if (fixture->fault == FAULT_STATUS &&
      (fixture->fault_count == 0 || fixture->total_hits <= fixture->fault_count))
    {
      if (fixture->retry_after != NULL)
        soup_message_headers_replace (response, "Retry-After", fixture->retry_after);
      soup_server_message_set_status (msg, fixture->fault_status, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no", 2);
      return;
    }
  if (fixture->fault == FAULT_GARBAGE)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "\x01\x02garbage{{{", 12);
      return;
    }
  if (fixture->fault == FAULT_HTML)
    {
      static const char page[] =
        "<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title>"
        "</head><body><h1>Your Request Originates from an Undeclared Automated Tool</h1>"
        "</body></html>";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page,
                                        strlen (page));
      return;
    }

  if (name == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  file = g_test_build_filename (G_TEST_DIST, "data", "edgar", name, NULL);
  if (!g_file_get_contents (file, &contents, &length, NULL))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  if (fixture->send_etag)
    {
      if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), "\"v1\"") == 0)
        {
          soup_server_message_set_status (msg, 304, NULL);
          return;
        }
      soup_message_headers_replace (response, "ETag", "\"v1\"");
      soup_message_headers_replace (response, "Last-Modified", "Wed, 01 Jul 2026 10:00:00 GMT");
    }
  if (fixture->fault == FAULT_TRUNCATED)
    length /= 2;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, g_str_has_suffix (name, ".html") ? "text/html"
                                                                          : "application/json",
                                    SOUP_MEMORY_COPY, contents, length);
}

static gpointer
server_thread (gpointer data)
{
  GMainContext *context = data;
  GMainLoop *loop = g_main_loop_new (context, FALSE);

  g_main_context_push_thread_default (context);
  g_object_set_data (G_OBJECT (current->server), "loop", loop);
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (context);
  g_main_loop_unref (loop);
  return NULL;
}

typedef struct {
  GMainContext *context;
  GThread      *thread;
  GMainLoop    *loop;
} ServerThread;

static ServerThread server_thread_state;

/* The client blocks its thread, so the server runs in a thread of its own. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  current = fixture;
  fixture->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->cache_dir = g_dir_make_tmp ("chipcycle-edgar-XXXXXX", &error);
  g_assert_no_error (error);

  server_thread_state.context = g_main_context_new ();
  g_main_context_push_thread_default (server_thread_state.context);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (server_thread_state.context);
  uris = soup_server_get_uris (fixture->server);
  fixture->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  server_thread_state.thread = g_thread_new ("server", server_thread,
                                             server_thread_state.context);
  while (g_object_get_data (G_OBJECT (fixture->server), "loop") == NULL)
    g_usleep (1000);
  server_thread_state.loop = g_object_get_data (G_OBJECT (fixture->server), "loop");
  g_setenv ("CHIPCYCLE_EDGAR_DATA_URL", fixture->base_url, TRUE);
  g_setenv ("CHIPCYCLE_EDGAR_WWW_URL", fixture->base_url, TRUE);
  g_unsetenv ("CHIPCYCLE_EDGAR_CONTACT");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_main_loop_quit (server_thread_state.loop);
  g_thread_join (server_thread_state.thread);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (server_thread_state.context, FALSE))
    ;
  g_main_context_unref (server_thread_state.context);
  cc_test_remove_tree (fixture->cache_dir);
  g_free (fixture->cache_dir);
  g_free (fixture->base_url);
  g_free (fixture->last_user_agent);
  g_free (fixture->last_if_none_match);
  g_hash_table_unref (fixture->hits);
  g_array_unref (fixture->arrivals);
  current = NULL;
}

static CcEdgarClient *
new_client (Fixture *fixture)
{
  CcEdgarClient *client = cc_edgar_client_new (fixture->cache_dir);

  cc_edgar_client_set_contact (client, CONTACT);
  cc_edgar_client_set_retry_policy (client, 2, 20, 5);
  cc_edgar_client_set_timeout (client, 5);
  return client;
}

static guint
hits (Fixture    *fixture,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path));
}

static gint64
ny (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  int y, mo, d, h, mi;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  dt = g_date_time_new (zone, y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

/* ---- pure functions ---- */

static const struct {
  const char *new_york;
  const char *event_day;
  gboolean    intraday;
  const char *why;
} event_cases[] = {
  { "2025-05-01 09:29", "2025-05-01", FALSE, "before the open: the same session" },
  { "2025-05-01 09:31", "2025-05-01", TRUE, "during the session" },
  { "2025-05-01 15:59", "2025-05-01", TRUE, "a minute before the close" },
  { "2025-05-01 16:00", "2025-05-02", FALSE, "at the close: the next session" },
  { "2025-05-01 16:01", "2025-05-02", FALSE, "after the close" },
  { "2025-06-27 17:05", "2025-06-30", FALSE, "Friday evening: Monday" },
  { "2026-07-02 16:30", "2026-07-06", FALSE, "eve of the 3 July 2026 holiday: Monday" },
  { "2026-04-03 10:00", "2026-04-06", FALSE, "Good Friday, EDGAR open, NYSE closed" },
  { "2025-03-07 15:30", "2025-03-07", TRUE, "Friday before the spring change (EST)" },
  { "2025-03-10 16:30", "2025-03-11", FALSE, "Monday after the spring change (EDT)" },
  { "2025-10-31 16:30", "2025-11-03", FALSE, "Friday before the autumn change (EDT)" },
  { "2025-11-03 15:30", "2025-11-03", TRUE, "Monday after the autumn change (EST)" },
};

static void
test_event_day (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_cases); i++)
    {
      gboolean intraday = !event_cases[i].intraday;
      CcDate day = cc_edgar_event_day (ny (event_cases[i].new_york), &intraday);
      g_autofree char *got = cc_date_to_iso (day);

      g_test_message ("%s: %s", event_cases[i].new_york, event_cases[i].why);
      g_assert_cmpstr (got, ==, event_cases[i].event_day);
      g_assert_cmpint (intraday, ==, event_cases[i].intraday);
    }
}

static void
test_acceptance_conventions (void)
{
  gint64 t;

  /* 16:21:59 New York on 1 May 2025 (EDT, UTC-4) is 20:21:59 UTC. */
  g_assert_true (cc_edgar_parse_acceptance ("2025-05-01T20:21:59.000Z", FALSE, &t));
  g_assert_cmpint (t, ==, ny ("2025-05-01 16:21") + 59);
  g_assert_true (cc_edgar_parse_acceptance ("2025-05-01T16:21:59.000Z", TRUE, &t));
  g_assert_cmpint (t, ==, ny ("2025-05-01 16:21") + 59);
  g_assert_cmpint (cc_edgar_detect_convention ("2025-05-01T20:21:59.000Z",
                                               ny ("2025-05-01 16:21") + 59),
                   ==, CC_EDGAR_TIME_JSON_UTC);
  g_assert_cmpint (cc_edgar_detect_convention ("2025-05-01T16:21:59.000Z",
                                               ny ("2025-05-01 16:21") + 59),
                   ==, CC_EDGAR_TIME_JSON_NEW_YORK);
  /* Winter: EST, five hours. */
  g_assert_cmpint (cc_edgar_detect_convention ("2025-01-15T21:05:00Z", ny ("2025-01-15 16:05")),
                   ==, CC_EDGAR_TIME_JSON_UTC);
  g_assert_cmpint (cc_edgar_detect_convention ("2025-01-15T18:05:00Z", ny ("2025-01-15 16:05")),
                   ==, CC_EDGAR_TIME_UNKNOWN);
  g_assert_false (cc_edgar_parse_acceptance ("2025-05-01 16:21:59", FALSE, &t));
  g_assert_false (cc_edgar_parse_acceptance ("2025-02-30T16:21:59Z", FALSE, &t));
  g_assert_false (cc_edgar_parse_acceptance ("2025-05-01T16:21:59.Z", FALSE, &t));
  g_assert_false (cc_edgar_parse_acceptance ("2025-05-01T24:00:00Z", FALSE, &t));
}

static void
test_contact (void)
{
  g_autofree char *agent = cc_edgar_user_agent (CONTACT);

  g_assert_true (cc_edgar_contact_is_valid ("jane@example.org"));
  g_assert_true (cc_edgar_contact_is_valid (CONTACT));
  g_assert_false (cc_edgar_contact_is_valid (NULL));
  g_assert_false (cc_edgar_contact_is_valid (""));
  g_assert_false (cc_edgar_contact_is_valid ("Jane Doe"));
  g_assert_false (cc_edgar_contact_is_valid ("jane@localhost"));
  g_assert_false (cc_edgar_contact_is_valid ("jane@example.org\r\nX-Evil: 1"));
  g_assert_false (cc_edgar_contact_is_valid ("jane) (x@example.org"));
  g_assert_cmpstr (agent, ==, "ChipCycle/" PACKAGE_VERSION " (" CONTACT ")");
}

static void
test_parse_errors (void)
{
  static const struct {
    const char *body;
    const char *expected;
  } cases[] = {
    { "", "empty" },
    { "[1,2]", "not a JSON object" },
    { "{\"cik\":\"723125\",\"filings\":{\"recent\":{\"accessionNumber\":[\"0000723125-25-000001\"],"
      "\"filingDate\":[],\"form\":[\"8-K\"]}}}", "“filingDate” has 0 entries, not 1" },
    { "{\"cik\":\"723125\",\"filings\":{\"recent\":{\"accessionNumber\":[\"../../etc/passwd\"],"
      "\"filingDate\":[\"2025-01-01\"],\"form\":[\"8-K\"]}}}", "position 0" },
    { "{\"cik\":\"723125\",\"filings\":{\"recent\":{\"accessionNumber\":[\"0000723125-25-000001\"],"
      "\"filingDate\":[\"2025-01-01\"],\"form\":[\"8-K\"],\"acceptanceDateTime\":[\"soon\"]}}}",
      "“soon”" },
    { "{\"filings\":{}}", "no CIK" },
    { "<html><body>Rate Threshold Exceeded</body></html>", "web page" },
  };
  g_autoptr(CcEdgarSubmissions) empty = NULL;
  g_autoptr(GError) error = NULL;
  CcEdgarHeader header;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CcEdgarSubmissions) s = NULL;

      s = cc_edgar_parse_submissions (cases[i].body, strlen (cases[i].body), FALSE,
                                      "the filings of MU", &error);
      g_assert_null (s);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expected));
      g_assert_nonnull (strstr (error->message, "MU"));
      g_clear_error (&error);
    }

  /* Regression: fuzz-edgar-tickers found a ticker list with the escape "\66", which json-glib
   * decodes to the byte 0xb6 and quoted in its message, so the error was not text. An escape
   * JSON does not allow is now refused before json-glib reads it, in every reader. */
  {
    static const char * const bad_escapes[] = {
      "{\n \"\\6666666666{\n \"0\": {\"cik_str\": 1045810, \"ticker\": \"NVDA\"}}",
      "{\"0\": {\"cik_str\": 1045810, \"ticker\": \"NV\\2000DA\"}}",
      "{\"0\": {\"cik_str\": 1045810, \"ticker\": \"NV\\u0000DA\"}}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad_escapes); i++)
      {
        g_autoptr(GHashTable) tickers = cc_edgar_parse_tickers (bad_escapes[i],
                                                                strlen (bad_escapes[i]), &error);

        g_assert_null (tickers);
        g_assert_nonnull (error);
        g_test_message ("%s", error->message);
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
        g_assert_nonnull (strstr (error->message, "not a valid escape sequence"));
        g_clear_error (&error);
      }
  }

  /* No filings is not an error. */
  {
    const char *none = "{\"cik\":1,\"filings\":{\"recent\":{},\"files\":[]}}";

    empty = cc_edgar_parse_submissions (none, strlen (none), FALSE, "the filings of X", &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (empty->filings->len, ==, 0);

  g_assert_false (cc_edgar_parse_header ("<html>no header</html>", 22, "the header", &header,
                                         &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED);
  g_assert_nonnull (strstr (error->message, "ACCEPTANCE-DATETIME"));
  g_clear_error (&error);
  g_assert_true (cc_edgar_parse_header ("<ACCEPTANCE-DATETIME>20250501162159\n", 36, "h",
                                        &header, &error));
  g_assert_no_error (error);
  g_assert_cmpint (header.accepted_at, ==, ny ("2025-05-01 16:21") + 59);
}

/* ---- quarterly figures, checked by hand (tests/data/README.md shows the sums) ---- */

typedef struct {
  const char *start, *end;
  double      value;
  int         fy, fq;
  CcEdgarQuarterMethod method;
} Expected;

static void
assert_quarters (GArray         *quarters,
                 const Expected *expected,
                 guint           n)
{
  g_assert_cmpuint (quarters->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      CcEdgarQuarter *q = &g_array_index (quarters, CcEdgarQuarter, i);
      g_autofree char *start = cc_date_to_iso (q->start);
      g_autofree char *end = cc_date_to_iso (q->end);

      g_test_message ("FY%d Q%d %s..%s %.0f %s", q->fiscal_year, q->fiscal_quarter, start, end,
                      q->value, cc_edgar_quarter_method_to_string (q->method));
      g_assert_cmpstr (start, ==, expected[i].start);
      g_assert_cmpstr (end, ==, expected[i].end);
      g_assert_cmpfloat (q->value, ==, expected[i].value);
      g_assert_cmpint (q->fiscal_year, ==, expected[i].fy);
      g_assert_cmpint (q->fiscal_quarter, ==, expected[i].fq);
      g_assert_cmpint (q->method, ==, expected[i].method);
    }
}

static void
test_quarters (void)
{
  g_autoptr(GBytes) body = cc_test_load_fixture ("edgar",
    "concept_CIK0000723125_PaymentsToAcquirePropertyPlantAndEquipment.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarConcept) concept = NULL;
  g_autoptr(GArray) last = NULL;
  g_autoptr(GArray) first = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  /* Micron's fiscal year ends on the Thursday nearest 31 August. */
  static const Expected as_last[] = {
    { "2023-09-01", "2023-11-30", 1500, 2024, 1, CC_EDGAR_QUARTER_REPORTED },
    { "2023-12-01", "2024-02-29", 1600, 2024, 2, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2024-03-01", "2024-05-30", 1700, 2024, 3, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2024-05-31", "2024-08-29", 3300, 2024, 4, CC_EDGAR_QUARTER_ANNUAL_MINUS_NINE },
    /* re-reported as 3050 by the next year's first 10-Q */
    { "2024-08-30", "2024-11-28", 3050, 2025, 1, CC_EDGAR_QUARTER_REPORTED },
    /* the 10-Q/A's six months (6200), not the 10-Q's (6000), less 3050 */
    { "2024-11-29", "2025-02-27", 3150, 2025, 2, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2025-02-28", "2025-05-29", 3300, 2025, 3, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2025-05-30", "2025-08-28", 4300, 2025, 4, CC_EDGAR_QUARTER_ANNUAL_MINUS_NINE },
    { "2025-08-29", "2025-11-27", 4500, 2026, 1, CC_EDGAR_QUARTER_REPORTED },
  };
  static const Expected as_first[] = {
    { "2023-09-01", "2023-11-30", 1500, 2024, 1, CC_EDGAR_QUARTER_REPORTED },
    { "2023-12-01", "2024-02-29", 1600, 2024, 2, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2024-03-01", "2024-05-30", 1700, 2024, 3, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2024-05-31", "2024-08-29", 3300, 2024, 4, CC_EDGAR_QUARTER_ANNUAL_MINUS_NINE },
    { "2024-08-30", "2024-11-28", 3000, 2025, 1, CC_EDGAR_QUARTER_REPORTED },
    { "2024-11-29", "2025-02-27", 3000, 2025, 2, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2025-02-28", "2025-05-29", 3500, 2025, 3, CC_EDGAR_QUARTER_YTD_DIFFERENCE },
    { "2025-05-30", "2025-08-28", 4300, 2025, 4, CC_EDGAR_QUARTER_ANNUAL_MINUS_NINE },
    { "2025-08-29", "2025-11-27", 4500, 2026, 1, CC_EDGAR_QUARTER_REPORTED },
  };

  concept = cc_edgar_parse_concept (data, length, NULL, "the capex of MU", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (concept->unit, ==, "USD");
  g_assert_cmpuint (concept->facts->len, ==, 12);

  last = cc_edgar_quarters (concept, CC_EDGAR_AS_LAST_REPORTED);
  assert_quarters (last, as_last, G_N_ELEMENTS (as_last));
  first = cc_edgar_quarters (concept, CC_EDGAR_AS_FIRST_REPORTED);
  assert_quarters (first, as_first, G_N_ELEMENTS (as_first));
  /* A derived quarter names the later of its two filings: Q2 of fiscal 2025 (6200 from the
   * 10-Q/A less 3050 from the next year's 10-Q) the 10-Q; Q2 of 2024 (3100 − 1500, both
   * from fiscal 2025's 10-Qs) the second. */
  g_assert_cmpstr (g_array_index (last, CcEdgarQuarter, 5).accession, ==,
                   "0000723125-25-000045");
  g_assert_cmpstr (g_array_index (first, CcEdgarQuarter, 5).form, ==, "10-Q");
  g_assert_cmpstr (g_array_index (first, CcEdgarQuarter, 5).accession, ==,
                   "0000723125-25-000007");
  /* The quarters of a year add up to its annual figure, under either rule. */
  for (guint i = 0; i < 2; i++)
    {
      GArray *q = i == 0 ? last : first;
      double sum = 0;

      for (guint j = 4; j < 8; j++)
        sum += g_array_index (q, CcEdgarQuarter, j).value;
      g_assert_cmpfloat (sum, ==, 13800);
    }

  g_assert_null (cc_edgar_parse_concept (data, length, "shares", "the capex of MU", &error));
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "USD"));
}

/* ---- over the loopback server ---- */

static void
test_ticker_to_cik (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CcEdgarClient) client = new_client (fixture);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (cc_edgar_client_lookup_cik (client, "MU", NULL, &error), ==, 723125);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_edgar_client_lookup_cik (client, "nvda", NULL, &error), ==, 1045810);
  g_assert_cmpuint (cc_edgar_client_lookup_cik (client, "0000002488", NULL, &error), ==, 2488);
  g_assert_cmpuint (cc_edgar_client_lookup_cik (client, "ZZZZ", NULL, &error), ==, 0);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (error->message, "ZZZZ"));
  g_clear_error (&error);
  /* One request for the list, kept in memory and on disk. */
  g_assert_cmpuint (hits (fixture, "/files/company_tickers.json"), ==, 1);
  g_assert_cmpstr (fixture->last_user_agent, ==, "ChipCycle/" PACKAGE_VERSION " (" CONTACT ")");
  {
    g_autoptr(CcEdgarClient) again = new_client (fixture);

    g_assert_cmpuint (cc_edgar_client_lookup_cik (again, "AMD", NULL, &error), ==, 2488);
    g_assert_no_error (error);
    g_assert_cmpuint (hits (fixture, "/files/company_tickers.json"), ==, 1);
  }
}

static const struct {
  const char *suffix;       /* of the accession number */
  const char *new_york;
  const char *event_day;
  gboolean    intraday;
  const char *form;
} filing_cases[] = {
  { "-19-000011", "2019-03-20 16:05", "2019-03-21", FALSE, "8-K" },
  { "-19-000012", "2019-06-25 16:02", "2019-06-26", FALSE, "8-K" },
  { "-25-000029", "2025-03-07 15:30", "2025-03-07", TRUE, "8-K" },
  { "-25-000030", "2025-03-10 16:30", "2025-03-11", FALSE, "10-Q" },
  { "-25-000031", "2025-05-01 09:29", "2025-05-01", FALSE, "8-K" },
  { "-25-000032", "2025-05-01 09:31", "2025-05-01", TRUE, "8-K" },
  { "-25-000033", "2025-05-01 15:59", "2025-05-01", TRUE, "8-K" },
  { "-25-000034", "2025-05-01 16:00", "2025-05-02", FALSE, "8-K" },
  { "-25-000035", "2025-05-01 16:01", "2025-05-02", FALSE, "8-K" },
  { "-25-000036", "2025-06-27 17:05", "2025-06-30", FALSE, "8-K" },
  { "-25-000037", "2025-10-31 16:30", "2025-11-03", FALSE, "10-K" },
  { "-25-000038", "2025-11-03 15:30", "2025-11-03", TRUE, "8-K" },
  { "-26-000039", "2026-04-03 10:00", "2026-04-06", FALSE, "8-K" },
  { "-26-000040", "2026-07-02 16:30", "2026-07-06", FALSE, "8-K" },
};

static void
check_filer (Fixture           *fixture,
             const char        *symbol,
             const char        *cik,
             CcEdgarTimeSource  convention,
             gboolean           with_older)
{
  g_autoptr(CcEdgarClient) client = new_client (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarSubmissions) s = NULL;
  CcEdgarQuery query = { CC_DATE_INVALID, CC_DATE_INVALID, NULL, NULL };
  guint first = with_older ? 0 : 2;

  query.from = cc_test_date ("2019-01-01");
  s = cc_edgar_client_get_filings (client, symbol, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->filings->len, ==, G_N_ELEMENTS (filing_cases) - first);
  for (guint i = first; i < G_N_ELEMENTS (filing_cases); i++)
    {
      CcEdgarFiling *f = g_ptr_array_index (s->filings, i - first);
      g_autofree char *accession = g_strconcat (cik, filing_cases[i].suffix, NULL);
      g_autofree char *day = cc_date_to_iso (f->event_day);
      gboolean newest = i == G_N_ELEMENTS (filing_cases) - 1;

      g_test_message ("%s %s accepted %s (JSON %s)", symbol, f->accession,
                      filing_cases[i].new_york, f->acceptance);
      g_assert_cmpstr (f->accession, ==, accession);
      g_assert_cmpstr (f->form, ==, filing_cases[i].form);
      g_assert_cmpint (f->accepted_at, ==, ny (filing_cases[i].new_york));
      g_assert_cmpstr (day, ==, filing_cases[i].event_day);
      g_assert_cmpint (f->intraday, ==, filing_cases[i].intraday);
      g_assert_cmpint (f->time_source, ==, newest ? CC_EDGAR_TIME_HEADER : convention);
    }
}

static void
test_filings_utc_filer (Fixture       *fixture,
                        gconstpointer  data)
{
  check_filer (fixture, "MU", "0000723125", CC_EDGAR_TIME_JSON_UTC, TRUE);
  g_assert_cmpuint (hits (fixture, "/submissions/CIK0000723125-submissions-001.json"), ==, 1);
  /* One header is enough to learn the filer's convention. */
  g_assert_cmpuint (hits (fixture, "/Archives/edgar/data/723125/000072312526000040/"
                                   "0000723125-26-000040-index-headers.html"), ==, 1);
}

static void
test_filings_new_york_filer (Fixture       *fixture,
                             gconstpointer  data)
{
  check_filer (fixture, "NVDA", "0001045810", CC_EDGAR_TIME_JSON_NEW_YORK, FALSE);
}

static void
test_filings_query (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CcEdgarClient) client = new_client (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarSubmissions) s = NULL;
  const char *items[] = { "2.02", NULL };
  CcEdgarQuery query = { CC_DATE_INVALID, CC_DATE_INVALID, NULL, items };

  /* Without --from reaching back, the older page is not read. */
  s = cc_edgar_client_get_filings (client, "MU", &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->filings->len, ==, 3);
  g_assert_cmpuint (hits (fixture, "/submissions/CIK0000723125-submissions-001.json"), ==, 0);
  for (guint i = 0; i < s->filings->len; i++)
    g_assert_true (cc_edgar_filing_has_item (g_ptr_array_index (s->filings, i), "2.02"));
}

static char *
read_cache (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->cache_dir, "edgar", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);

  return bytes != NULL ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                       : NULL;
}

/* Sets the fetch time written in the cached reply @name to @fetched_at. */
static void
set_cached_fetch_time (Fixture    *fixture,
                       const char *name,
                       gint64      fetched_at)
{
  g_autofree char *path = g_build_filename (fixture->cache_dir, "edgar", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *line = g_strdup_printf ("fetched-at: %" G_GINT64_FORMAT, fetched_at);
  g_autoptr(GRegex) regex = g_regex_new ("fetched-at: [0-9]+", 0, 0, NULL);
  g_autofree char *changed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  changed = g_regex_replace_literal (regex, contents, -1, 0, line, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changed, !=, contents);
  g_assert_true (g_file_set_contents (path, changed, -1, &error));
}

#define HEADER_NAME "header-0000723125-26-000040.html"

/* The age shown with filings is the age of the filings list (which a new filing changes),
 * not that of a filing header cached for ever, of the ticker list or of an older page. */
static void
test_fetched_at (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CcEdgarQuery query = { CC_DATE_INVALID, CC_DATE_INVALID, NULL, NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 day = 24 * 3600;

  query.from = cc_test_date ("2019-01-01");
  {
    g_autoptr(CcEdgarClient) client = new_client (fixture);
    g_autoptr(CcEdgarSubmissions) s = cc_edgar_client_get_filings (client, "MU", &query, NULL,
                                                                   &error);

    g_assert_no_error (error);
    g_assert_cmpint (cc_edgar_client_get_fetched_at (client), >=, now);
  }
  /* The header was fetched a month ago (kept for ever), the ticker list five days ago and the
   * older page six (each kept a week); the filings list two days ago. */
  set_cached_fetch_time (fixture, HEADER_NAME, now - 30 * day);
  set_cached_fetch_time (fixture, "company_tickers.json", now - 5 * day);
  set_cached_fetch_time (fixture, "CIK0000723125-submissions-001.json", now - 6 * day);
  set_cached_fetch_time (fixture, "CIK0000723125.json", now - 2 * day);
  fixture->total_hits = 0;
  {
    g_autoptr(CcEdgarClient) client = new_client (fixture);
    g_autoptr(CcEdgarSubmissions) s = NULL;

    /* Everything from the cache, the filings list included. */
    cc_edgar_client_set_max_age (client, 40 * day);
    s = cc_edgar_client_get_filings (client, "MU", &query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (s->filings->len, ==, G_N_ELEMENTS (filing_cases));
    g_assert_cmpuint (fixture->total_hits, ==, 0);
    g_assert_cmpint (cc_edgar_client_get_fetched_at (client), ==, now - 2 * day);
  }
  /* The filings list asked for again (older than the client's hour): as old as that reply,
   * however old the header behind the acceptance times. */
  {
    g_autoptr(CcEdgarClient) client = new_client (fixture);
    g_autoptr(CcEdgarSubmissions) s = NULL;

    s = cc_edgar_client_get_filings (client, "MU", &query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits (fixture, "/submissions/CIK0000723125.json"), ==, 2);
    g_assert_cmpint (cc_edgar_client_get_fetched_at (client), >=, now);
  }
  /* Facts: the age of the facts, not of the ticker list that named the company. */
  set_cached_fetch_time (fixture, "company_tickers.json", now - 6 * day);
  {
    g_autoptr(CcEdgarClient) client = new_client (fixture);
    g_autoptr(CcEdgarConcept) concept = NULL;

    concept = cc_edgar_client_get_concept (client, "MU",
                                           "PaymentsToAcquirePropertyPlantAndEquipment", NULL,
                                           NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cc_edgar_client_get_fetched_at (client), >=, now);
  }
}

typedef struct {
  gboolean  done;
  GStrv     fetched;
  GError   *error;
} StoreWait;

static void
store_fetch_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  StoreWait *wait = user_data;

  wait->fetched = cc_edgar_store_fetch_finish (CC_EDGAR_STORE (source), result, &wait->error);
  wait->done = TRUE;
}

static void
store_fetch (CcEdgarStore *store,
             CcDate        from)
{
  static const char * const symbols[] = { "MU", NULL };
  StoreWait wait = { FALSE, NULL, NULL };

  cc_edgar_store_fetch_async (store, symbols, from, NULL, store_fetch_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_strfreev (wait.fetched);
}

/* A line reaching back to 2019 (before the recent filings, which start in March 2025): the
 * window's store reads the older page the submissions list in `files`, once, and its two
 * results filings of 2019 get their markers at their event days. */
static void
test_older_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(CcEdgarStore) store = NULL;
  GPtrArray *filings;
  guint in_2019 = 0;
  static const char * const days_2019[] = { "2019-03-21", "2019-06-26" };

  g_settings_set_string (settings, "edgar-contact", CONTACT);
  g_settings_set_string (settings, "edgar-data-url", fixture->base_url);
  g_settings_set_string (settings, "edgar-www-url", fixture->base_url);
  store = cc_edgar_store_new (settings, fixture->cache_dir);

  store_fetch (store, cc_test_date ("2019-01-01"));
  /* The ticker list, the submissions, their older page and the newest filing's header. */
  g_assert_cmpuint (hits (fixture, "/submissions/CIK0000723125-submissions-001.json"), ==, 1);
  g_assert_cmpuint (hits (fixture, "/submissions/CIK0000723125.json"), ==, 1);
  g_assert_cmpuint (fixture->total_hits, ==, 4);
  filings = cc_edgar_store_get_filings (store, "MU", cc_test_date ("2019-01-01"));
  g_assert_nonnull (filings);
  for (guint i = 0; i < filings->len; i++)
    {
      CcChartFiling *f = g_ptr_array_index (filings, i);
      g_autofree char *day = cc_date_to_iso (f->event_day);

      if (f->event_day >= cc_test_date ("2020-01-01"))
        continue;
      g_assert_cmpuint (in_2019, <, G_N_ELEMENTS (days_2019));
      g_assert_cmpstr (day, ==, days_2019[in_2019]);
      g_assert_cmpint (f->kind, ==, CC_FILING_RESULTS);
      g_assert_cmpstr (f->form, ==, "8-K");
      g_assert_cmpstr (f->items, ==, "2.02, 9.01");
      in_2019++;
    }
  g_assert_cmpuint (in_2019, ==, 2);

  /* Asked again in the same window: what is in memory, no request. */
  store_fetch (store, cc_test_date ("2019-06-01"));
  g_assert_cmpuint (fixture->total_hits, ==, 4);

  /* Another window (a new store) on the same cache: no request either. */
  {
    g_autoptr(CcEdgarStore) again = cc_edgar_store_new (settings, fixture->cache_dir);

    store_fetch (again, cc_test_date ("2019-01-01"));
    g_assert_cmpuint (fixture->total_hits, ==, 4);
    filings = cc_edgar_store_get_filings (again, "MU", cc_test_date ("2019-01-01"));
    g_assert_cmpuint (filings->len, >, 2);
    g_assert_cmpint (((CcChartFiling *) g_ptr_array_index (filings, 0))->event_day, <,
                     cc_test_date ("2020-01-01"));
  }
}

static void
test_no_contact (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CcEdgarClient) client = cc_edgar_client_new (fixture->cache_dir);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (cc_edgar_client_lookup_cik (client, "MU", NULL, &error), ==, 0);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT);
  g_assert_nonnull (strstr (error->message, "CHIPCYCLE_EDGAR_CONTACT"));
  g_clear_error (&error);
  cc_edgar_client_set_contact (client, "nobody");
  g_assert_cmpuint (cc_edgar_client_lookup_cik (client, "MU", NULL, &error), ==, 0);
  g_assert_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT);
  /* Nothing was sent. */
  g_assert_cmpuint (fixture->total_hits, ==, 0);
}

/* Fills the cache with the capex facts, then makes them stale for the next request. */
static char *
prime_cache (Fixture       *fixture,
             CcEdgarClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarConcept) concept = NULL;

  concept = cc_edgar_client_get_concept (client, "MU",
                                         "PaymentsToAcquirePropertyPlantAndEquipment", NULL,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (concept);
  cc_edgar_client_set_max_age (client, 0);
  fixture->total_hits = 0;
  return read_cache (fixture, "concept-CIK0000723125-us-gaap-"
                              "PaymentsToAcquirePropertyPlantAndEquipment.json");
}

typedef struct {
  Fault       fault;
  guint       status;
  guint       count;
  const char *retry_after;
  gboolean    succeeds;
  int         code;
  const char *message;
  guint       expected_hits;
} FaultCase;

static const FaultCase fault_cases[] = {
  { FAULT_STATUS, 403, 0, NULL, FALSE, CC_DATA_ERROR_BLOCKED, "HTTP 403", 1 },
  { FAULT_STATUS, 429, 0, "120", FALSE, CC_DATA_ERROR_RATE_LIMITED, "120 s", 1 },
  { FAULT_STATUS, 429, 1, "1", TRUE, 0, NULL, 2 },
  { FAULT_STATUS, 503, 2, NULL, TRUE, 0, NULL, 3 },
  { FAULT_STATUS, 500, 0, NULL, FALSE, CC_DATA_ERROR_SERVER, "HTTP 500", 3 },
  { FAULT_TRUNCATED, 0, 0, NULL, FALSE, CC_DATA_ERROR_FORMAT_CHANGED, "not valid JSON", 1 },
  { FAULT_GARBAGE, 0, 0, NULL, FALSE, CC_DATA_ERROR_FORMAT_CHANGED, "the figures", 1 },
  { FAULT_HTML, 0, 0, NULL, FALSE, CC_DATA_ERROR_BLOCKED, "web page", 1 },
};

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *c = data;
  g_autoptr(CcEdgarClient) client = new_client (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarConcept) concept = NULL;
  g_autofree char *before = prime_cache (fixture, client);
  g_autofree char *after = NULL;

  fixture->fault = c->fault;
  fixture->fault_status = c->status;
  fixture->fault_count = c->count;
  fixture->retry_after = c->retry_after;
  concept = cc_edgar_client_get_concept (client, "MU",
                                         "PaymentsToAcquirePropertyPlantAndEquipment", NULL,
                                         NULL, &error);
  g_assert_cmpuint (fixture->total_hits, ==, c->expected_hits);
  after = read_cache (fixture, "concept-CIK0000723125-us-gaap-"
                               "PaymentsToAcquirePropertyPlantAndEquipment.json");
  if (c->succeeds)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (concept->facts->len, ==, 12);
      return;
    }
  g_assert_null (concept);
  g_assert_error (error, CC_DATA_ERROR, c->code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, c->message));
  g_assert_nonnull (strstr (error->message, "MU"));
  /* The cache is as it was, fetch time included. */
  g_assert_cmpstr (after, ==, before);
}

static void
test_validators (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CcEdgarClient) client = new_client (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarConcept) concept = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture->send_etag = TRUE;
  before = prime_cache (fixture, client);
  g_assert_nonnull (strstr (before, "etag: \"v1\"\n"));
  g_assert_nonnull (strstr (before, "last-modified: Wed, 01 Jul 2026 10:00:00 GMT\n"));
  g_usleep (1100 * 1000);   /* so that the new fetch time differs */

  concept = cc_edgar_client_get_concept (client, "MU",
                                         "PaymentsToAcquirePropertyPlantAndEquipment", NULL,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (concept->facts->len, ==, 12);
  g_assert_cmpuint (fixture->total_hits, ==, 1);
  g_assert_cmpstr (fixture->last_if_none_match, ==, "\"v1\"");
  after = read_cache (fixture, "concept-CIK0000723125-us-gaap-"
                               "PaymentsToAcquirePropertyPlantAndEquipment.json");
  /* A 304 keeps the body and notes the new fetch time. */
  g_assert_true (g_str_equal (strstr (after, "\n\n"), strstr (before, "\n\n")));
  g_assert_cmpstr (after, !=, before);
}

typedef struct {
  guint pending;
} RateState;

static void
rate_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  RateState *state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcFetchReply) reply = cc_fetcher_get_finish (CC_FETCHER (object), result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (reply->status, ==, 200);
  state->pending--;
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CcFetcher) one = cc_fetcher_new ();
  g_autoptr(CcFetcher) two = cc_fetcher_new ();
  g_autofree char *url = g_strconcat (fixture->base_url, "/files/company_tickers.json", NULL);
  CcFetchSpec spec = { url, CC_EDGAR_SERVICE, "the ticker list", "ChipCycle/test (a@b.org)",
                       NULL, NULL, CC_EDGAR_MIN_INTERVAL_MS };
  RateState state = { 24 };

  /* Two fetchers (as the window and a worker would have), all requests at once. */
  cc_fetcher_set_max_concurrent (one, 24);
  cc_fetcher_set_max_concurrent (two, 24);
  for (guint i = 0; i < 24; i++)
    cc_fetcher_get_async (i % 2 ? one : two, &spec, NULL, rate_cb, &state);
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (fixture->arrivals->len, ==, 24);
  /* No eleven requests within one second: the client spaces them 110 ms apart, so eleven
   * span 1.1 s when sent. They are timed here on arrival, where a loaded machine can hold one
   * back and let the next ones catch up, so the check allows a tenth of a second of that;
   * without the spacing, all 24 arrive within a few milliseconds. */
  for (guint i = 0; i + 10 < fixture->arrivals->len; i++)
    {
      gint64 span = g_array_index (fixture->arrivals, gint64, i + 10) -
                    g_array_index (fixture->arrivals, gint64, i);

      g_assert_cmpint (span, >=, G_USEC_PER_SEC - G_USEC_PER_SEC / 10);
    }
}

/* ---- the command line ---- */

static const char *settings_home;

static int
run_cli (Fixture     *fixture,
         const char  *contact,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("CHIPCYCLE_BIN");
  va_list args;

  /* meson test sets it (tests/meson.build); the callers skip without it. */
  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, err);
  for (const char *arg = va_arg (args, const char *); arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", fixture->cache_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  if (settings_home != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", settings_home, TRUE);
    }
  if (contact != NULL)
    g_subprocess_launcher_setenv (launcher, "CHIPCYCLE_EDGAR_CONTACT", contact, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "CHIPCYCLE_EDGAR_CONTACT");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* A caller may pass the same strings again: what they held before is dropped. */
  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli_filings (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = g_build_filename (fixture->cache_dir, "mu.csv", NULL);
  g_autofree char *json_path = g_build_filename (fixture->cache_dir, "mu.json", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *line = NULL;
  int status;

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }

  status = run_cli (fixture, NULL, &out, &err, "filings", "MU", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "chipcycle filings: SEC EDGAR asks"));
  g_assert_cmpuint (fixture->total_hits, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The window's setting serves the command line too. */
  {
    g_autofree char *dir = g_build_filename (fixture->cache_dir, "config", "glib-2.0",
                                             "settings", NULL);
    g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
    g_autofree char *home = g_build_filename (fixture->cache_dir, "config", NULL);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_file_set_contents (keyfile, "[io/github/chipcycle/ChipCycle]\n"
                                  "edgar-contact='" CONTACT "'\n", -1, &error);
    g_assert_no_error (error);
    settings_home = home;
    status = run_cli (fixture, NULL, &out, &err, "filings", "MU", NULL);
    settings_home = NULL;
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (fixture->last_user_agent, ==,
                     "ChipCycle/" PACKAGE_VERSION " (" CONTACT ")");
    g_assert_nonnull (strstr (out, "MU,723125,8-K,2.02 9.01,0000723125-26-000040,"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  status = run_cli (fixture, CONTACT, &out, &err, "filings", "MU", "--from", "2019-01-01",
                    "--items", "2.02", "--output", path, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_file_get_contents (path, &csv, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);   /* header, 5 rows, "" */
  g_assert_cmpstr (lines[0], ==, "symbol,cik,form,items,accession,filing_date,report_date,"
                                 "accepted_new_york,accepted_utc,time_source,event_day,"
                                 "intraday,url");
  line = g_strdup_printf ("MU,723125,8-K,2.02 9.01,0000723125-26-000040,2026-07-02,2026-07-02,"
                          "2026-07-02T16:30:00-04:00,2026-07-02T20:30:00+00:00,header,"
                          "2026-07-06,no,%s/Archives/edgar/data/723125/000072312526000040/"
                          "d000040.htm", fixture->base_url);
  g_assert_cmpstr (lines[5], ==, line);
  g_assert_true (g_str_has_prefix (lines[1], "MU,723125,8-K,2.02 9.01,0000723125-19-000011,"
                                             "2019-03-20,2019-03-20,2019-03-20T16:05:00-04:00,"
                                             "2019-03-20T20:05:00+00:00,json-utc,2019-03-21,"
                                             "no,"));

  status = run_cli (fixture, CONTACT, &out, &err, "filings", "NVDA", "--forms", "10-K,10-Q",
                    "--output", json_path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_file_get_contents (json_path, &json, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"source\" : \"SEC EDGAR\""));
  g_assert_nonnull (strstr (json, "\"accepted_new_york\" : \"2025-10-31T16:30:00-04:00\""));
  g_assert_nonnull (strstr (json, "\"time_source\" : \"json-new-york\""));
  g_assert_nonnull (strstr (json, "\"cik\" : 1045810"));
  g_assert_null (strstr (json, "8-K"));
}

static void
test_cli_facts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }

  status = run_cli (fixture, CONTACT, &out, &err, "facts", "MU",
                    "PaymentsToAcquirePropertyPlantAndEquipment", "--quarterly", NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "symbol,concept,unit,fiscal_year,fiscal_quarter,start,end,"
                                 "value,method,accession,form,filed\r\n"));
  g_assert_nonnull (strstr (out, "MU,us-gaap:PaymentsToAcquirePropertyPlantAndEquipment,USD,"
                                 "2025,2,2024-11-29,2025-02-27,3150,ytd-difference,"
                                 "0000723125-25-000045,10-Q,2025-12-18\r\n"));
  g_assert_nonnull (strstr (out, ",2025,4,2025-05-30,2025-08-28,4300,annual-minus-nine-months,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (fixture, CONTACT, &out, &err, "facts", "MU",
                    "PaymentsToAcquirePropertyPlantAndEquipment", "--quarterly",
                    "--as-first-reported", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, ",2025,2,2024-11-29,2025-02-27,3000,ytd-difference,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (fixture, CONTACT, &out, &err, "facts", "MU", "../etc/passwd", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "not an XBRL concept"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (fixture, CONTACT, &out, &err, "facts", "MU", "Revenues", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "HTTP 404"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edgar/event-day", test_event_day);
  g_test_add_func ("/edgar/acceptance-conventions", test_acceptance_conventions);
  g_test_add_func ("/edgar/contact", test_contact);
  g_test_add_func ("/edgar/parse-errors", test_parse_errors);
  g_test_add_func ("/edgar/quarters", test_quarters);
  g_test_add ("/edgar/ticker-to-cik", Fixture, NULL, fixture_set_up, test_ticker_to_cik,
              fixture_tear_down);
  g_test_add ("/edgar/filings/utc-filer", Fixture, NULL, fixture_set_up,
              test_filings_utc_filer, fixture_tear_down);
  g_test_add ("/edgar/filings/new-york-clock-filer", Fixture, NULL, fixture_set_up,
              test_filings_new_york_filer, fixture_tear_down);
  g_test_add ("/edgar/filings/query", Fixture, NULL, fixture_set_up, test_filings_query,
              fixture_tear_down);
  g_test_add ("/edgar/fetched-at", Fixture, NULL, fixture_set_up, test_fetched_at,
              fixture_tear_down);
  g_test_add ("/edgar/filings/older-page", Fixture, NULL, fixture_set_up, test_older_page,
              fixture_tear_down);
  g_test_add ("/edgar/no-contact", Fixture, NULL, fixture_set_up, test_no_contact,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      static const char * const names[] = {
        "403", "429-long", "429-retry", "503-backoff", "500", "truncated", "garbage", "html",
      };
      g_autofree char *path = g_strdup_printf ("/edgar/fault/%s", names[i]);

      g_test_add (path, Fixture, &fault_cases[i], fixture_set_up, test_fault,
                  fixture_tear_down);
    }
  g_test_add ("/edgar/validators", Fixture, NULL, fixture_set_up, test_validators,
              fixture_tear_down);
  g_test_add ("/edgar/rate-limit", Fixture, NULL, fixture_set_up, test_rate_limit,
              fixture_tear_down);
  g_test_add ("/edgar/cli/filings", Fixture, NULL, fixture_set_up, test_cli_filings,
              fixture_tear_down);
  g_test_add ("/edgar/cli/facts", Fixture, NULL, fixture_set_up, test_cli_facts,
              fixture_tear_down);

  return g_test_run ();
}
