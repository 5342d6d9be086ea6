/* test-cli-analyze.c: `chipcycle analyze` run as a user would run it: the built binary, its
 * JSON parsed back, its errors on bad arguments. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

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
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CHIPCYCLE_BIN");
  int wait_status;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *) bin);
  g_ptr_array_add (argv, (char *) "analyze");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (config_home)
    envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  /* The checks read English text and '.' decimals, whatever the tester's locale. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
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
  g_assert_cmpuint (json_object_get_size (indicators), ==, 10);
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
  g_test_add_func ("/cli/analyze/broken-user-rules", test_broken_user_rules);

  return g_test_run ();
}
