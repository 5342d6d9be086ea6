/* test-cli-analyze.c: `chipcycle analyze` run as a user would run it: the built binary, its
 * JSON parsed back, its errors on bad arguments. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include "../cc-test-cli.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

static void
run_analyze (Run                *run,
             const char * const *args,
             const char         *config_home)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *config = config_home ? g_strconcat ("XDG_CONFIG_HOME=", config_home, NULL)
                                        : NULL;
  const char *env[] = { config, NULL };

  g_ptr_array_add (argv, (char *) "analyze");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  run->status = cc_test_run_chipcycle (NULL, env, &run->out, &run->err,
                                       (const char * const *) argv->pdata);
}

static JsonObject *
find_row (JsonArray  *rows,
          const char *item)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      if (g_strcmp0 (json_object_get_string_member (row, "item"), item) == 0)
        return row;
    }
  return NULL;
}

static void
test_json (void)
{
  const char *args[] = { "--event", "2026-07-01", "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *row, *indicators, *phases, *scenarios, *car;
  JsonArray *rows;
  Run run = { 0 };
  double sum = 0;

  run_analyze (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "event_day"), ==, "2026-07-01");
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-10-05");

  rows = json_object_get_array_member (root, "event_study");
  g_assert_cmpuint (json_array_get_length (rows), >=, 16);
  row = find_row (rows, "^SOX");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "event_return_pct"),
                                  -6.27, 0.005);
  row = find_row (rows, "NBIS");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "event_return_pct"),
                                  -12.4, 0.05);
  g_assert_true (json_object_get_boolean_member (row, "short_estimation"));
  g_assert_cmpint (json_object_get_int_member (row, "estimation_days"), >, 100);
  car = json_object_get_object_member (json_object_get_object_member (row, "car"), "-1,+1");
  g_assert_true (isfinite (json_object_get_double_member (car, "car_pct")));
  g_assert_true (isfinite (json_object_get_double_member (car, "t")));
  g_assert_nonnull (find_row (rows, "basket:equipment"));

  indicators = json_object_get_object_member (root, "indicators");
  /* Ten from the prices and events, four from the SEC EDGAR monitors (none loaded here). */
  g_assert_cmpuint (json_object_get_size (indicators), ==, 14);
  g_assert_false (json_object_get_boolean_member (
                    json_object_get_object_member (indicators, "edgar_capex_growth"),
                    "available"));
  g_assert_true (json_object_get_null_member (root, "edgar_monitors"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_object_get_object_member (indicators, "sox_event_move"),
                                    "value"), -6.27, 0.005);

  phases = json_object_get_object_member (root, "phases");
  scenarios = json_object_get_object_member (root, "scenarios");
  g_assert_cmpuint (json_object_get_size (phases), ==, 3);
  g_assert_cmpuint (json_object_get_size (scenarios), ==, 3);
  {
    const char *keys[] = { "bull", "base", "bear" };
    for (guint i = 0; i < 3; i++)
      sum += json_object_get_double_member (json_object_get_object_member (scenarios, keys[i]),
                                            "weight");
  }
  g_assert_cmpfloat_with_epsilon (sum, 1, 1e-9);
  g_assert_true (json_object_has_member (phases,
                                         json_object_get_string_member (root, "leading_phase")));
  /* The explanations name numbers. */
  {
    const char *leading = json_object_get_string_member (root, "leading_phase");
    JsonObject *lead = json_object_get_object_member (phases, leading);
    JsonArray *reasons = json_object_get_array_member (lead, "reasons");
    g_assert_cmpuint (json_array_get_length (reasons), >, 0);
    g_assert_true (g_regex_match_simple ("[0-9]", json_object_get_string_member (
                                           json_array_get_object_element (reasons, 0),
                                           "sentence"), 0, 0));
  }

  run_clear (&run);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
member_text (JsonObject *object,
             const char *name)
{
  return json_to_string (json_object_get_member (object, name), FALSE);
}

/* Whatever event is studied, the phases and scenarios for one as-of date are the same. */
static void
test_event_does_not_change_the_verdict (void)
{
  /* Every bundled event inside the data (the Q1 2026 one starts on a holiday), and a day of
   * the user's own choosing. */
  const char *events[] = { "2025-11-03", "2026-01-01", "2026-05-01", "2026-07-01",
                           "2026-09-16", NULL };
  g_autofree char *phases = NULL;
  g_autofree char *scenarios = NULL;
  g_autofree char *assessment = NULL;

  for (guint i = 0; events[i]; i++)
    {
      const char *args[] = { "--event", events[i], "--as-of", "2026-10-05", "--json", NULL };
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      Run run = { 0 };

      run_analyze (&run, args, NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_object (parser, run.out);
      g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-10-05");
      if (phases == NULL)
        {
          phases = member_text (root, "phases");
          scenarios = member_text (root, "scenarios");
          assessment = member_text (root, "assessment");
        }
      else
        {
          g_autofree char *p = member_text (root, "phases");
          g_autofree char *s = member_text (root, "scenarios");
          g_autofree char *a = member_text (root, "assessment");

          g_assert_cmpstr (p, ==, phases);
          g_assert_cmpstr (s, ==, scenarios);
          g_assert_cmpstr (a, ==, assessment);
        }
      run_clear (&run);
    }
  /* It names the event it used. */
  g_assert_nonnull (strstr (assessment, "2026-07-01-meta-compute"));
}

/* A weekend or holiday event moves to the next session, and says so. */
static void
test_event_day_moved (void)
{
  const char *args[] = { "--event", "2026-07-04", "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  Run run = { 0 };

  run_analyze (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "chipcycle analyze: note: 2026-07-04 is not a trading day; "
                                "day 0 is the next session, 2026-07-06\n");
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "event_day"), ==, "2026-07-06");
  g_assert_cmpstr (json_object_get_string_member (root, "event_day_moved_from"), ==,
                   "2026-07-04");
  run_clear (&run);
}

/* The timeline: every trading day, each equal to the single evaluation of that day. */
static void
test_timeline (void)
{
  const char *args[] = { "--timeline", "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *days;
  Run run = { 0 };
  const guint check[] = { 25, 180, 250 };

  run_analyze (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  days = json_object_get_array_member (parse_object (parser, run.out), "days");
  /* 6 Oct 2025 to 5 Oct 2026 on the NYSE calendar. */
  g_assert_cmpuint (json_array_get_length (days), ==, 251);
  for (guint i = 0; i < G_N_ELEMENTS (check); i++)
    {
      JsonObject *day = json_array_get_object_element (days, check[i]);
      const char *date = json_object_get_string_member (day, "date");
      const char *one[] = { "--as-of", date, "--json", NULL };
      g_autoptr(JsonParser) single_parser = json_parser_new ();
      JsonObject *single;
      JsonObject *phases;
      Run single_run = { 0 };

      run_analyze (&single_run, one, NULL);
      g_assert_cmpint (single_run.status, ==, 0);
      single = parse_object (single_parser, single_run.out);
      phases = json_object_get_object_member (single, "phases");
      for (guint t = 0; t < 3; t++)
        {
          const char *keys[] = { "overbuild", "efficiency", "absorption" };
          g_assert_cmpfloat (json_object_get_double_member (
                               json_object_get_object_member (day, "phases"), keys[t]), ==,
                             json_object_get_double_member (
                               json_object_get_object_member (phases, keys[t]), "weight"));
        }
      g_assert_cmpstr (json_object_get_string_member (day, "leading_phase"), ==,
                       json_object_get_string_member (single, "leading_phase"));
      run_clear (&single_run);
    }
  run_clear (&run);
}

static void
test_text (void)
{
  const char *args[] = { "--item", "KLAC", "--item", "basket:memory", NULL };
  Run run = { 0 };

  run_analyze (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "KLAC"));
  g_assert_nonnull (strstr (run.out, "Memory basket"));
  g_assert_nonnull (strstr (run.out, "not investment advice"));
  g_assert_null (strstr (run.out, "NVDA "));
  run_clear (&run);
}

/* Each bad input: exit 2 and one line that names the problem. */
static void
test_bad_input_messages (void)
{
  static const struct {
    const char *args[6];
    const char *message;
  } cases[] = {
    { { "--event", "2026-10-10", NULL },
      "--event 2026-10-10: its first session, 2026-10-12, is after the last ^SOX close in the "
      "data (2026-10-05)" },
    { { "--event", "2026-10-06", NULL },
      "--event 2026-10-06 is after the last ^SOX close in the data (2026-10-05)" },
    { { "--event", "2026-08-03", "--as-of", "2026-07-15", NULL },
      "--event 2026-08-03 is after the as-of date (last close 2026-07-15)" },
    { { "--as-of", "2025-09-30", NULL },
      "--as-of 2025-09-30 is before the first ^SOX close in the data (2025-10-06)" },
    /* Case matters: "mu" is not "MU". */
    { { "--item", "ZZZZ", NULL }, "--item: no data for “ZZZZ”" },
    { { "--item", "mu", NULL }, "--item: no data for “mu” (did you mean MU?)" },
    { { "--item", "NVDAA", NULL }, "--item: no data for “NVDAA” (did you mean NVDA?)" },
    { { "--item", "basket:memry", NULL },
      "--item: no basket “basket:memry” (did you mean basket:memory?)" },
    { { "--item", "basket:foo", NULL },
      "--item: no basket “basket:foo” (baskets with data: basket:index, basket:memory, " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = g_strconcat ("chipcycle analyze: ", cases[i].message, NULL);
      Run run = { 0 };

      run_analyze (&run, cases[i].args, NULL);
      g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, expected));
      g_assert_cmpstr (strchr (run.err, '\n'), ==, "\n");
      run_clear (&run);
    }
}

static void
test_bad_arguments (void)
{
  const char *bad[][4] = {
    { "--event", "2026-13-01", NULL },
    { "--as-of", "yesterday", NULL },
    { "--event", "2027-01-04", NULL },
    { "--frobnicate", NULL },
    { "--item", "not a ticker", NULL },
    { "--item", "NVDAX", NULL },
    { "--item", "basket:nonsense", NULL },
    { "stray", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      Run run = { 0 };

      run_analyze (&run, bad[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "chipcycle analyze: "));
      /* One line. */
      g_assert_nonnull (strchr (run.err, '\n'));
      g_assert_cmpstr (strchr (run.err, '\n'), ==, "\n");
      /* An unknown item is named, with the nearest known one for a typo. */
      if (g_str_equal (bad[i][0], "--item") && g_str_equal (bad[i][1], "NVDAX"))
        g_assert_nonnull (strstr (run.err, "“NVDAX” (did you mean NVDA?)"));
      if (g_str_equal (bad[i][0], "--item") && g_str_equal (bad[i][1], "basket:nonsense"))
        g_assert_nonnull (strstr (run.err, "“basket:nonsense”"));
      run_clear (&run);
    }
}

static void
test_broken_user_rules (void)
{
  const char *args[] = { "--json", NULL };
  g_autofree char *home = g_dir_make_tmp ("cc-cli-analyze-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (home, "chipcycle", NULL);
  g_autofree char *path = g_build_filename (dir, "rules.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *rules;
  Run run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"format\": \"chipcycle-rules\", \"version\": 1, "
                                      "\"rules\": [{\"id\": \"x\"}]}", -1, NULL));
  run_analyze (&run, args, home);
  /* The analysis still runs, on the built-in rules, and says why. */
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "rules[0].indicator: required"));
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  rules = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "rules");
  g_assert_true (json_object_get_boolean_member (rules, "builtin"));
  g_assert_nonnull (strstr (json_object_get_string_member (rules, "problem"),
                            "rules[0].indicator: required"));
  run_clear (&run);

  g_unlink (path);
  g_rmdir (dir);
  g_rmdir (home);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/analyze/json", test_json);
  g_test_add_func ("/cli/analyze/text", test_text);
  g_test_add_func ("/cli/analyze/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/analyze/bad-input-messages", test_bad_input_messages);
  g_test_add_func ("/cli/analyze/event-does-not-change-the-verdict",
                   test_event_does_not_change_the_verdict);
  g_test_add_func ("/cli/analyze/event-day-moved", test_event_day_moved);
  g_test_add_func ("/cli/analyze/timeline", test_timeline);
  g_test_add_func ("/cli/analyze/broken-user-rules", test_broken_user_rules);

  return g_test_run ();
}
