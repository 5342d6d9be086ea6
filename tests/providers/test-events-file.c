/* test-events-file.c: the events JSON file (src/data/cc-events-file.c): round trips, errors that
 * name the file, event and field, strings checked on the way in and out, atomic saving, setting
 * a damaged file aside. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "cc-events-file.h"

static GPtrArray *
make_events (void)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  const char *tags[] = { "meta", "cloud", "ünïcode", NULL };
  CcEvent *event;

  event = cc_event_new (cc_date_from_ymd (2026, 7, 1), CC_EVENT_PRECISION_DAY,
                        "Meta Compute \"launch\" — 10%");
  cc_event_set_description (event, "Line one\nline two\twith a tab and a \\ backslash.");
  cc_event_set_category (event, CC_EVENT_CATEGORY_ANNOUNCEMENT);
  cc_event_set_tags (event, tags);
  cc_event_set_source (event, "article");
  cc_event_set_signal (event, CC_MONITOR_CAPEX, CC_SIGNAL_NEGATIVE, "Capacity ahead of demand");
  g_ptr_array_add (events, event);

  event = cc_event_new (cc_date_from_ymd (2026, 5, 1), CC_EVENT_PRECISION_MONTH,
                        "Annual meeting");
  cc_event_set_id (event, "custom-id");
  cc_event_set_category (event, CC_EVENT_CATEGORY_MACRO);
  cc_event_set_hidden (event, TRUE);
  g_ptr_array_add (events, event);

  event = cc_event_new (cc_date_from_ymd (2026, 1, 1), CC_EVENT_PRECISION_QUARTER, "Dell'Oro");
  cc_event_set_category (event, CC_EVENT_CATEGORY_DATA_RELEASE);
  cc_event_set_source (event, "https://example.org/report");
  cc_event_set_signal (event, CC_MONITOR_AI_ADOPTION, CC_SIGNAL_NEUTRAL, NULL);
  cc_event_set_user (event, TRUE);
  g_ptr_array_add (events, event);

  event = cc_event_new (cc_date_from_ymd (2025, 11, 3), CC_EVENT_PRECISION_DAY, "My note");
  cc_event_set_category (event, CC_EVENT_CATEGORY_USER);
  cc_event_set_source (event, "user");
  cc_event_set_signal (event, CC_MONITOR_MINER_CONTRACTS, CC_SIGNAL_POSITIVE, "");
  cc_event_set_user (event, TRUE);
  g_ptr_array_add (events, event);

  return events;
}

static void
assert_events_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CcEvent *x = g_ptr_array_index (a, i);
      CcEvent *y = g_ptr_array_index (b, i);

      g_assert_true (cc_event_equal (x, y));
      g_assert_cmpstr (cc_event_get_id (x), ==, cc_event_get_id (y));
      g_assert_cmpint (cc_event_get_date (x), ==, cc_event_get_date (y));
      g_assert_cmpint (cc_event_get_precision (x), ==, cc_event_get_precision (y));
      g_assert_cmpstr (cc_event_get_title (x), ==, cc_event_get_title (y));
      g_assert_cmpstr (cc_event_get_description (x), ==, cc_event_get_description (y));
      g_assert_cmpint (cc_event_get_category (x), ==, cc_event_get_category (y));
      g_assert_true (g_strv_equal (cc_event_get_tags (x), cc_event_get_tags (y)));
      g_assert_cmpstr (cc_event_get_source (x), ==, cc_event_get_source (y));
      g_assert_cmpint (cc_event_get_monitor (x), ==, cc_event_get_monitor (y));
      g_assert_cmpint (cc_event_get_stance (x), ==, cc_event_get_stance (y));
      g_assert_cmpstr (cc_event_get_signal_note (x), ==, cc_event_get_signal_note (y));
      g_assert_cmpint (cc_event_get_hidden (x), ==, cc_event_get_hidden (y));
      g_assert_cmpint (cc_event_get_user (x), ==, cc_event_get_user (y));
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr(GPtrArray) events = make_events ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;

  json = cc_events_to_json_data (events, &length, &error);
  g_assert_cmpuint (strlen (json), ==, length);
  /* Month and quarter precision are written in their short forms. */
  g_assert_nonnull (strstr (json, "\"2026-05\""));
  g_assert_nonnull (strstr (json, "\"2026-Q1\""));

  loaded = cc_events_from_json_data (json, length, "memory", &error);
  g_assert_no_error (error);
  assert_events_equal (events, loaded);

  dir = g_dir_make_tmp ("cc-events-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "events.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (cc_events_save_file (events, file, NULL, &error));
  g_assert_no_error (error);
  reloaded = cc_events_load_file (file, &error);
  g_assert_no_error (error);
  assert_events_equal (events, reloaded);

  /* Writing what was read gives the same text. */
  json2 = cc_events_to_json_data (reloaded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, json2);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_json_optional_fields (void)
{
  const char *json =
    "{\"version\": 1, \"events\": ["
    " {\"date\": \"2026-07-01\", \"title\": \"A\", \"category\": \"macro\"},"
    " {\"date\": \"2026-07-01\", \"title\": \"A\", \"category\": \"macro\"},"
    " {\"date\": \"2026-02-17\", \"precision\": \"quarter\", \"title\": \"B\","
    "  \"category\": \"earnings\", \"signal\": null}"
    "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cc_events_from_json_data (json, -1, "inline", &error);
  CcEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  /* Generated ids are unique within a file. */
  g_assert_cmpstr (cc_event_get_id (g_ptr_array_index (events, 0)), ==, "2026-07-01-a");
  g_assert_cmpstr (cc_event_get_id (g_ptr_array_index (events, 1)), ==, "2026-07-01-a-2");
  event = g_ptr_array_index (events, 2);
  g_assert_cmpint (cc_event_get_precision (event), ==, CC_EVENT_PRECISION_QUARTER);
  g_assert_cmpint (cc_event_get_date (event), ==, cc_date_from_ymd (2026, 1, 1));
  g_assert_cmpint (cc_event_get_monitor (event), ==, CC_MONITOR_NONE);
  g_assert_cmpstr (cc_event_get_description (event), ==, "");
  g_assert_null (cc_event_get_tags (event)[0]);

  cc_events_sort (events);
  g_assert_cmpstr (cc_event_get_title (g_ptr_array_index (events, 0)), ==, "B");
}

static void
test_json_syntax_error (void)
{
  const char *json =
    "{\n"
    "  \"version\": 1,\n"
    "  \"events\": [ {\"title\": \"x\",, } ]\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cc_events_from_json_data (json, -1, "my-events.json", &error);

  g_assert_null (events);
  g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "my-events.json: line 3, column "));
}

static void
test_json_invalid_utf8 (void)
{
  const char json[] = "{\"version\": 1,\n \"events\": [\"\xff\"]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cc_events_from_json_data (json, sizeof json - 1, "bad.json",
                                                          &error);

  g_assert_null (events);
  g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "bad.json: line 2, column 14:"));
}

typedef struct {
  const char *event_json;
  const char *expected;      /* substrings of the message, '|' separated */
} InvalidCase;

static void
test_json_invalid_fields (void)
{
  static const InvalidCase cases[] = {
    { "{\"date\": \"2026-02-30\", \"title\": \"Leap\", \"category\": \"macro\"}",
      "event 2 (“Leap”)|field “date”|2026-02-30" },
    { "{\"date\": \"2026-13\", \"title\": \"M\", \"category\": \"macro\"}",
      "field “date”|2026-13" },
    { "{\"date\": \"2026-Q5\", \"title\": \"Q\", \"category\": \"macro\"}",
      "field “date”|2026-Q5" },
    { "{\"date\": 20260701, \"title\": \"N\", \"category\": \"macro\"}",
      "field “date”|expected a string, found a number" },
    { "{\"date\": \"2026-07-01\", \"title\": 5, \"category\": \"macro\"}",
      "event 2|field “title”|expected a string" },
    { "{\"date\": \"2026-07-01\", \"category\": \"macro\"}",
      "event 2|field “title”|missing" },
    { "{\"date\": \"2026-07-01\", \"title\": \"C\", \"category\": \"rumour\"}",
      "field “category”|rumour" },
    { "{\"date\": \"2026-07-01\", \"title\": \"T\", \"category\": \"macro\", \"tags\": \"x\"}",
      "field “tags”|expected a list" },
    { "{\"date\": \"2026-07-01\", \"title\": \"T\", \"category\": \"macro\", \"tags\": [1]}",
      "field “tags”|item 1" },
    { "{\"date\": \"2026-07-01\", \"title\": \"H\", \"category\": \"macro\", \"hidden\": \"yes\"}",
      "field “hidden”|true or false" },
    { "{\"date\": \"2026-07-01\", \"title\": \"S\", \"category\": \"macro\","
      " \"signal\": {\"monitor\": \"gold\", \"stance\": \"positive\"}}",
      "field “signal.monitor”" },
    { "{\"date\": \"2026-07-01\", \"title\": \"S\", \"category\": \"macro\","
      " \"signal\": {\"monitor\": \"capex\", \"stance\": \"up\"}}",
      "field “signal.stance”" },
    { "{\"date\": \"2026-07-01\", \"title\": \"U\", \"category\": \"macro\", \"tittle\": 1}",
      "field “tittle”|unknown field" },
    { "{\"date\": \"2026-05\", \"precision\": \"day\", \"title\": \"P\", \"category\": \"macro\"}",
      "field “precision”" },
    { "{\"id\": \"first\", \"date\": \"2026-07-01\", \"title\": \"D\", \"category\": \"macro\"}",
      "field “id”|earlier event" },
    { "[1, 2]", "event 2|expected an object, found a list" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"version\": 1, \"events\": ["
        "{\"id\": \"first\", \"date\": \"2026-01-02\", \"title\": \"Fine\","
        " \"category\": \"macro\"},"
        "%s]}", cases[i].event_json);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = cc_events_from_json_data (json, -1, "events.json", &error);
      g_auto(GStrv) parts = g_strsplit (cases[i].expected, "|", -1);

      g_assert_null (events);
      g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "events.json: "));
      for (guint p = 0; parts[p]; p++)
        if (strstr (error->message, parts[p]) == NULL)
          g_error ("case %u: “%s” lacks “%s”", i, error->message, parts[p]);
    }
}

static void
test_json_bad_root (void)
{
  static const char * const bad[] = {
    "[]", "42", "{}", "{\"version\": 2, \"events\": []}", "{\"version\": \"1\", \"events\": []}",
    "{\"version\": 1}", "{\"version\": 1, \"events\": {}}", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = cc_events_from_json_data (bad[i], -1, "root.json", &error);

      g_assert_null (events);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "root.json"));
    }
}

static void
test_save_failure_keeps_old_file (void)
{
  g_autoptr(GPtrArray) events = make_events ();
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cc-events-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) listing = NULL;
  struct rlimit old_limit, limit;
  gsize before_len;
  gboolean ok;
  void (*old_handler) (int);

  g_assert_true (cc_events_save_file (events, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Event number %u with a long title", i);
      g_ptr_array_add (big, cc_event_new (cc_date_from_ymd (2026, 1, 2) + i,
                                          CC_EVENT_PRECISION_DAY, title));
    }

  /* A file size limit makes the write fail part-way, even for root, like a full disk. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = before_len + 100;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = cc_events_save_file (big, file, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "events.json");
  g_assert_null (g_dir_read_name (listing));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_keep_aside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-events-aside-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *corrupt[] = { "{\"version\": 1, \"events\": [", "not json at all" };

  for (guint i = 0; i < G_N_ELEMENTS (corrupt); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GFile) aside = NULL;
      g_autofree char *aside_name = NULL;
      g_autofree char *kept = NULL;

      g_assert_true (g_file_set_contents (path, corrupt[i], -1, NULL));
      events = cc_events_load_file (file, &error);
      g_assert_null (events);
      g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX);
      /* The message starts with the file's name. */
      g_assert_true (g_str_has_prefix (error->message, path));

      aside = cc_events_keep_aside (file, NULL);
      g_assert_nonnull (aside);
      aside_name = g_file_get_basename (aside);
      g_assert_cmpstr (aside_name, ==, i == 0 ? "events.json.corrupt" : "events.json.corrupt-2");
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_load_contents (aside, NULL, &kept, NULL, NULL, NULL));
      g_assert_cmpstr (kept, ==, corrupt[i]);
    }

  {
    g_autofree char *a = g_build_filename (dir, "events.json.corrupt", NULL);
    g_autofree char *b = g_build_filename (dir, "events.json.corrupt-2", NULL);

    g_assert_cmpint (g_unlink (a), ==, 0);
    g_assert_cmpint (g_unlink (b), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

static guint64
next_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
parse_anything (const char *data,
                gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cc_events_from_json_data (data, length, "fuzz", &error);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  gsize written_length;

  /* Either events or an error naming the source, never both and never neither. */
  g_assert_true ((events == NULL) != (error == NULL));
  if (error)
    {
      g_assert_true (g_str_has_prefix (error->message, "fuzz"));
      /* The message is text even when the input is not. */
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  /* Whatever loads is written and loads back identically. */
  written = cc_events_to_json_data (events, &written_length, &error);
  g_assert_no_error (error);
  again = cc_events_from_json_data (written, written_length, "again", &error);
  g_assert_no_error (error);
  assert_events_equal (events, again);
  rewritten = cc_events_to_json_data (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, rewritten);
}

static void
test_json_fuzz (void)
{
  g_autoptr(GPtrArray) events = make_events ();
  g_autofree char *valid = NULL;
  gsize length;
  guint64 state = 42;
  GString *deep;

  valid = cc_events_to_json_data (events, &length, NULL);

  /* Every truncation of a valid file. */
  for (gsize cut = 0; cut < length; cut++)
    parse_anything (valid, cut);

  /* Random byte changes, insertions and deletions of a valid file. */
  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *copy = g_memdup2 (valid, length);
      gsize n = length;
      guint edits = 1 + next_random (&state) % 4;

      for (guint e = 0; e < edits; e++)
        {
          gsize at = next_random (&state) % n;
          guint64 r = next_random (&state);

          if (r % 3 == 0)
            copy[at] = (char) (r >> 8);
          else if (r % 3 == 1)
            copy[at] = "{}[]\",:0\\e-u2"[(r >> 8) % 13];
          else
            {
              memmove (copy + at, copy + at + 1, n - at - 1);
              n--;
            }
        }
      parse_anything (copy, n);
    }

  /* Pure noise. */
  for (guint round = 0; round < 500; round++)
    {
      char noise[256];
      gsize n = next_random (&state) % sizeof noise;

      for (gsize i = 0; i < n; i++)
        noise[i] = (char) next_random (&state);
      parse_anything (noise, n);
    }

  /* Nesting deep enough to exhaust a recursive parser's stack. */
  deep = g_string_new ("{\"version\": 1, \"events\": ");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  parse_anything (deep->str, deep->len);
  g_string_free (deep, TRUE);
}


/* Regression: fuzz-events (run for 150 s) found a file whose event id holds the escape "\2".
 * json-glib 1.6 reads "\200" as the lone byte 0x80, so the file loaded, was saved with that
 * byte, and the next start failed ("line 5, column 15: the text is not valid UTF-8") and set
 * the user's file aside. Now the first read refuses it, naming where. */
static void
test_invalid_escape_reproducer (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "providers",
                                                 "events_invalid_escape_id.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = cc_events_load_file (file, &error);

  g_assert_null (events);
  g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "events_invalid_escape_id.json: line 5, column 15: "));
  g_assert_nonnull (strstr (error->message, "not a valid escape sequence"));
}

/* Escapes JSON does not have, and "\u0000" (json-glib would cut the string there). */
static void
test_invalid_escapes (void)
{
  static const char * const escapes[] = { "\\2", "\\q", "\\x41", "\\u00g1", "\\u0000", "\\u12" };

  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"version\": 1, \"events\": [\n"
        "{\"date\": \"2026-01-02\", \"title\": \"a%sb\", \"category\": \"macro\"}]}",
        escapes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = cc_events_from_json_data (json, -1, "escape.json", &error);

      g_assert_null (events);
      g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "escape.json: line 2, column 35: "));
    }
}

/* Strings are checked as they come in: text that is valid JSON but not valid UTF-8 (a lone
 * surrogate) or holds a control character is refused, naming the event and the field. */
static void
test_strings_checked_on_read (void)
{
  static const InvalidCase cases[] = {
    { "{\"id\": \"\\udc00x\", \"date\": \"2026-07-01\", \"title\": \"Lone\", \"category\": \"macro\"}",
      "event 2 (“Lone”)|field “id”|not valid UTF-8" },
    { "{\"date\": \"2026-07-01\", \"title\": \"Bell\\u0007\", \"category\": \"macro\"}",
      "event 2: field “title”|U+0007" },
    { "{\"date\": \"2026-07-01\", \"title\": \"Two\\nlines\", \"category\": \"macro\"}",
      "event 2: field “title”|U+000A" },
    { "{\"date\": \"2026-07-01\", \"title\": \"T\", \"category\": \"macro\", \"tags\": [\"a\\ud800\\udc00\", \"\\u009b\"]}",
      "event 2 (“T”)|field “tags”|U+009B" },
    { "{\"date\": \"2026-07-01\", \"title\": \"S\", \"category\": \"macro\", \"source\": \"s\\udfffs\"}",
      "field “source”|not valid UTF-8" },
    { "{\"date\": \"2026-07-01\", \"title\": \"N\", \"category\": \"macro\","
      " \"signal\": {\"monitor\": \"capex\", \"stance\": \"negative\", \"note\": \"\\u0001\"}}",
      "field “signal.note”|U+0001" },
    { "{\"date\": \"2026-07-01\", \"title\": \"D\", \"category\": \"macro\", \"description\": \"ok\\n\\tok\\u001b\"}",
      "field “description”|U+001B" },
    { "{\"date\": \"2026-07-01\", \"title\": \"F\", \"category\": \"macro\", \"f\\udc00ff\": 1}",
      "event 2 (“F”)|unknown field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"version\": 1, \"events\": ["
        "{\"id\": \"first\", \"date\": \"2026-01-02\", \"title\": \"Fine\","
        " \"category\": \"macro\"},"
        "%s]}", cases[i].event_json);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = cc_events_from_json_data (json, -1, "events.json", &error);
      g_auto(GStrv) parts = g_strsplit (cases[i].expected, "|", -1);

      g_assert_null (events);
      g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      for (guint p = 0; parts[p]; p++)
        if (strstr (error->message, parts[p]) == NULL)
          g_error ("case %u: “%s” lacks “%s”", i, error->message, parts[p]);
    }
}

/* The writer refuses what the reader would refuse: a save never writes a file that fails to
 * load at the next start, and the file on disk stays as it was. */
static void
test_strings_checked_on_write (void)
{
  g_autoptr(GPtrArray) events = make_events ();
  g_autofree char *dir = g_dir_make_tmp ("cc-events-write-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  const char * const bad_titles[] = { "Tab\there", "\xc3(", "Esc\x1b" };

  g_assert_true (cc_events_save_file (events, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad_titles); i++)
    {
      g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *after = NULL;
      g_autofree char *data = NULL;

      for (guint e = 0; e < events->len; e++)
        g_ptr_array_add (copy, cc_event_copy (g_ptr_array_index (events, e)));
      cc_event_set_title (g_ptr_array_index (copy, 2), bad_titles[i]);

      data = cc_events_to_json_data (copy, NULL, &error);
      g_assert_null (data);
      g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "event 3: field “title”"));
      g_clear_error (&error);

      g_assert_false (cc_events_save_file (copy, file, NULL, &error));
      g_assert_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (before, ==, after);
    }

  /* A tag or a note with a control character is refused as well; a description may hold line
   * breaks and tabs (make_events() has both). */
  {
    CcEvent *event = g_ptr_array_index (events, 0);
    const char *tags[] = { "ok", "bell\a", NULL };
    g_autofree char *data = NULL;

    cc_event_set_tags (event, tags);
    data = cc_events_to_json_data (events, NULL, &error);
    g_assert_null (data);
    g_assert_nonnull (strstr (error->message, "field “tags”"));
  }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every file the tests and the fuzzer start from loads, writes and loads back identically. */
static void
test_fixtures_round_trip (void)
{
  const char * const files[] = { "events_curated.json" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "providers",
                                                     files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      events = cc_events_from_json_data (contents, length, files[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, >, 0);
      parse_anything (contents, length);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/events-file/round-trip", test_json_round_trip);
  g_test_add_func ("/events-file/optional-fields", test_json_optional_fields);
  g_test_add_func ("/events-file/syntax-error", test_json_syntax_error);
  g_test_add_func ("/events-file/invalid-utf8", test_json_invalid_utf8);
  g_test_add_func ("/events-file/invalid-fields", test_json_invalid_fields);
  g_test_add_func ("/events-file/bad-root", test_json_bad_root);
  g_test_add_func ("/events-file/fuzz", test_json_fuzz);
  g_test_add_func ("/events-file/invalid-escape-reproducer", test_invalid_escape_reproducer);
  g_test_add_func ("/events-file/invalid-escapes", test_invalid_escapes);
  g_test_add_func ("/events-file/strings-checked-on-read", test_strings_checked_on_read);
  g_test_add_func ("/events-file/strings-checked-on-write", test_strings_checked_on_write);
  g_test_add_func ("/events-file/fixtures-round-trip", test_fixtures_round_trip);
  g_test_add_func ("/events-file/save/failure-keeps-old-file", test_save_failure_keeps_old_file);
  g_test_add_func ("/events-file/load/keep-aside", test_keep_aside);

  return g_test_run ();
}
