/* test-edgar-rules.c: offline (no figures from SEC EDGAR, the default), the rules on the
 * EDGAR monitors are skipped and the assessment is byte for byte what the same rules file gives
 * without them: on every bundled trading day, in `analyze --json`'s "phases", "phase",
 * "scenarios" and "scenario", in the timeline, and through the command line. The figures
 * themselves are tested against a loopback server in tests/providers/test-edgar-monitors.c. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-bundled-dataset.h"
#include "../cc-test-cli.h"

static CcDataset *dataset;

/* The built-in rules file without its rules on edgar_… indicators, as text. */
static char *
stripped_rules_text (guint *n_removed)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (CC_RULES_RESOURCE_PATH, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *rules, *kept;
  JsonObject *root;

  g_assert_nonnull (bytes);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  rules = json_object_get_array_member (root, "rules");
  kept = json_array_new ();
  *n_removed = 0;
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (g_str_has_prefix (json_object_get_string_member (rule, "indicator"), "edgar_"))
        (*n_removed)++;
      else
        json_array_add_element (kept, json_node_copy (json_array_get_element (rules, i)));
    }
  json_object_set_array_member (root, "rules", kept);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static CcRules *
stripped_rules (void)
{
  guint n_removed = 0;
  g_autofree char *text = stripped_rules_text (&n_removed);
  g_autoptr(GError) error = NULL;
  CcRules *rules;

  /* The built-in file has rules on all four monitors (edgar-… ids). */
  g_assert_cmpuint (n_removed, >=, 4);
  rules = cc_rules_new_from_data (text, -1, "stripped.json", &error);
  g_assert_no_error (error);
  return rules;
}

/* The verdict members of `analyze --json`, serialised. */
static char *
verdict_json (JsonNode *root)
{
  static const char *members[] = { "phases", "phase", "leading_phase", "scenarios", "scenario",
                                   "leading_scenario" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = json_node_get_object (root);

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_assert_true (json_object_has_member (object, members[i]));
      json_builder_set_member_name (b, members[i]);
      json_builder_add_value (b, json_node_copy (json_object_get_member (object, members[i])));
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, TRUE);
}

static void
test_every_day_identical (void)
{
  g_autoptr(CcRules) builtin = cc_rules_new_builtin ();
  g_autoptr(CcRules) stripped = stripped_rules ();
  g_autoptr(CcAssessor) with = cc_assessor_new_full (dataset, builtin, NULL);
  g_autoptr(CcAssessor) without = cc_assessor_new (dataset, stripped);
  g_autoptr(CcTimeline) t1 = cc_assessor_timeline (with, CC_DATE_INVALID, CC_DATE_INVALID);
  g_autoptr(CcTimeline) t2 = cc_assessor_timeline (without, CC_DATE_INVALID, CC_DATE_INVALID);
  const char *items[] = { "^SOX", NULL };
  CcDate event = cc_date_from_ymd (2026, 7, 1);

  g_assert_false (cc_assessor_has_edgar (with));
  g_assert_cmpuint (t1->n_days, ==, t2->n_days);
  g_assert_cmpuint (t1->n_days, >=, 250);
  for (guint i = 0; i < t1->n_days; i++)
    {
      CcDate day = t1->days[i].date;
      g_autoptr(CcAnalysis) a1 = cc_analysis_new_with_edgar (dataset, event, day, items,
                                                             builtin, NULL, NULL);
      g_autoptr(CcAnalysis) a2 = cc_analysis_new (dataset, event, day, items, stripped);
      g_autoptr(JsonNode) j1 = cc_analysis_to_json (a1);
      g_autoptr(JsonNode) j2 = cc_analysis_to_json (a2);
      g_autofree char *v1 = verdict_json (j1);
      g_autofree char *v2 = verdict_json (j2);

      if (!g_str_equal (v1, v2))
        {
          char when[11];

          cc_date_format_iso (day, when);
          g_error ("%s: the verdict differs without EDGAR figures:\n%s\n---\n%s", when, v1, v2);
        }
      /* The rules on the monitors matched nothing; their indicators say why. */
      g_assert_cmpuint (a1->assessment->n_matched, ==, a2->assessment->n_matched);
      for (CcIndicatorId id = CC_INDICATOR_FIRST_EDGAR; id < CC_N_INDICATORS; id++)
        g_assert_false (a1->assessment->indicators.values[id].available);

      g_assert_cmpint (t1->days[i].date, ==, t2->days[i].date);
      g_assert_cmpmem (t1->days[i].weight, sizeof t1->days[i].weight, t2->days[i].weight,
                       sizeof t2->days[i].weight);
      g_assert_cmpstr (t1->days[i].top_reason, ==, t2->days[i].top_reason);
    }
}

static char *
member_text (const char *json,
             const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  if (member == NULL)
    return verdict_json (json_parser_get_root (parser));
  return json_to_string (json_object_get_member (json_node_get_object (
                                                   json_parser_get_root (parser)), member),
                         TRUE);
}

/* The command line: without a contact and without a cache, `analyze` asks nothing and prints
 * what the stripped file gives. */
static void
test_cli_identical (void)
{
  static const char *days[] = { "2025-12-31", "2026-04-30", "2026-07-01", "2026-08-25",
                                "2026-10-05" };
  guint n_removed = 0;
  g_autofree char *text = stripped_rules_text (&n_removed);
  g_autofree char *dir = g_dir_make_tmp ("cc-edgar-rules-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "stripped.json", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *out1 = NULL, *out2 = NULL, *err = NULL;
  g_autofree char *cache_env = g_strconcat ("XDG_CACHE_HOME=", cache, NULL);
  const char *env[] = { cache_env, "CHIPCYCLE_EDGAR_CONTACT=", NULL };

  if (g_getenv ("CHIPCYCLE_BIN") == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set (run through meson test)");
      return;
    }
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *v1 = NULL, *v2 = NULL;

      const char *args1[] = { "analyze", "--json", "--as-of", days[i], NULL };
      const char *args2[] = { "analyze", "--json", "--as-of", days[i], "--rules", path, NULL };

      g_assert_cmpint (cc_test_run_chipcycle (NULL, env, &out1, &err, args1), ==, 0);
      g_assert_null (strstr (err, "EDGAR"));
      g_assert_cmpint (cc_test_run_chipcycle (NULL, env, &out2, &err, args2), ==, 0);
      v1 = member_text (out1, NULL);
      v2 = member_text (out2, NULL);
      g_assert_cmpstr (v1, ==, v2);
      g_clear_pointer (&v1, g_free);
      v1 = member_text (out1, "edgar_monitors");
      g_assert_cmpstr (v1, ==, "null");
    }
  /* And the timeline of every day. */
  {
    const char *args1[] = { "analyze", "--timeline", "--json", NULL };
    const char *args2[] = { "analyze", "--timeline", "--json", "--rules", path, NULL };

    g_assert_cmpint (cc_test_run_chipcycle (NULL, env, &out1, &err, args1), ==, 0);
    g_assert_cmpint (cc_test_run_chipcycle (NULL, env, &out2, &err, args2), ==, 0);
  }
  {
    g_autofree char *d1 = member_text (out1, "days");
    g_autofree char *d2 = member_text (out2, "days");

    g_assert_cmpstr (d1, ==, d2);
  }
  /* No cache was made: nothing was asked of SEC EDGAR. */
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  dataset = cc_bundled_dataset_new (&error);
  g_assert_no_error (error);

  g_test_add_func ("/edgar-rules/offline/every-day-identical", test_every_day_identical);
  g_test_add_func ("/edgar-rules/offline/cli-identical", test_cli_identical);
  return g_test_run ();
}
