/* test-rules.c: the rules file is checked strictly, a broken user file leaves the built-in
 * rules in force, and crafted indicator sets lead where the rules say. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "cc-assessment.h"

static CcRules *
parse (const char *json,
       GError    **error)
{
  return cc_rules_new_from_data (json, -1, "my-rules.json", error);
}

static void
assert_invalid (const char *json,
                const char *expected_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcRules) rules = parse (json, &error);

  g_assert_null (rules);
  g_assert_nonnull (error);
  if (strstr (error->message, expected_part) == NULL)
    g_error ("expected “%s” in “%s”", expected_part, error->message);
  g_assert_true (g_str_has_prefix (error->message, "my-rules.json"));
}

#define HEAD "{\"format\": \"chipcycle-rules\", \"version\": 1, "
#define HEAD2 "{\"format\": \"chipcycle-rules\", \"version\": 2, "

static void
test_errors_name_the_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcRules) rules = NULL;

  /* Syntax: the line and the column. */
  rules = parse ("{\n  \"format\": \"chipcycle-rules\",\n  \"rules\": [1,,]\n}", &error);
  g_assert_null (rules);
  g_assert_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "my-rules.json:3:"));
  g_clear_error (&error);

  assert_invalid ("[]", "top level: must be an object");
  assert_invalid ("1{}", "top level: must be an object, not a number");

  /* Two documents in one file: json-glib 1.6 would take the first and leak the second. */
  rules = parse ("{\"format\": \"chipcycle-rules\"}\n  {\"rules\": []}", &error);
  g_assert_null (rules);
  g_assert_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "my-rules.json:2:3: it has data after its end");
  g_clear_error (&error);

  /* Nesting deeper than any rules file needs is refused before the recursive parser. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"rules\": ");

    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, '[');
    rules = parse (deep->str, &error);
    g_assert_null (rules);
    g_assert_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "my-rules.json:1:74: it is nested too deeply");
    g_clear_error (&error);
  }
  assert_invalid ("", "top level: the file is empty");
  assert_invalid ("  \n", "top level: the file is empty");
  assert_invalid ("{\"version\": 1, \"rules\": []}", "format: required");
  assert_invalid ("{\"format\": \"chipcycle-rules\", \"version\": 3, \"rules\": []}",
                  "version: required, and must be 2");
  assert_invalid (HEAD "\"rules\": [], \"qualifying_event\": {}}",
                  "qualifying_event: needs \"version\": 2");
  assert_invalid (HEAD2 "\"rules\": [], \"qualifying_event\": {\"tags\": \"capacity\"}}",
                  "qualifying_event.tags: must be a list of strings");
  assert_invalid (HEAD2 "\"rules\": [], \"qualifying_event\": {\"categories\": [\"rumour\"]}}",
                  "qualifying_event.categories[0]: unknown category (known: announcement, ");
  assert_invalid (HEAD2 "\"rules\": [], \"qualifying_event\": {\"precision\": \"week\"}}",
                  "qualifying_event.precision: must be “day” or “any”");
  assert_invalid (HEAD2 "\"rules\": [], \"qualifying_event\": {\"when\": 1}}",
                  "qualifying_event.when: unknown field");
  assert_invalid (HEAD "\"rules\": [], \"colour\": 1}", "colour: unknown field");
  assert_invalid (HEAD "\"rules\": {}}", "rules: must be a list");
  assert_invalid (HEAD "\"prior\": {\"bull\": -1}, \"rules\": []}",
                  "prior.bull: must be between 0 and 100, not -1");
  assert_invalid (HEAD "\"prior\": {\"sideways\": 1}, \"rules\": []}",
                  "prior.sideways: unknown phase or scenario");
  assert_invalid (HEAD "\"rules\": [{\"indicator\": \"sox_drawdown\", \"min\": 1, "
                  "\"evidence\": {\"bull\": 1}}]}", "rules[0].id: required");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"sox_drawdown\", "
                  "\"min\": 1, \"evidence\": {\"bull\": 1}}, {\"id\": \"a\", "
                  "\"indicator\": \"sox_drawdown\", \"min\": 1, \"evidence\": {\"bull\": 1}}]}",
                  "rules[1].id: “a” is already used by rules[0]");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"pe_ratio\", \"min\": 1, "
                  "\"evidence\": {\"bull\": 1}}]}",
                  "rules[0].indicator: unknown indicator “pe_ratio” in rule “a” (known: "
                  "sox_drawdown,");
  /* A misspelt indicator from SEC EDGAR: the file, the rule and the field are named, and the
   * list offers the right names. */
  assert_invalid (HEAD2 "\"rules\": [{\"id\": \"ok\", \"indicator\": \"sox_drawdown\", "
                  "\"min\": 1, \"evidence\": {\"bull\": 1}}, {\"id\": \"capex-up\", "
                  "\"indicator\": \"edgar_capex\", \"min\": 1, \"evidence\": {\"bull\": 1}}]}",
                  "my-rules.json: rules[1].indicator: unknown indicator “edgar_capex” in rule "
                  "“capex-up” (known: ");
  assert_invalid (HEAD2 "\"rules\": [{\"id\": \"capex-up\", \"indicator\": \"edgar_capex\", "
                  "\"min\": 1, \"evidence\": {\"bull\": 1}}]}",
                  "edgar_capex_growth, edgar_memory_margin_change, edgar_ai_revenue_growth, "
                  "edgar_miner_agreements)");
  assert_invalid (HEAD2 "\"rules\": [{\"id\": \"n\", \"indicator\": 3, "
                  "\"min\": 1, \"evidence\": {\"bull\": 1}}]}",
                  "rules[0].indicator: must be the name of an indicator, not a number");
  assert_invalid (HEAD2 "\"rules\": [{\"id\": \"n\", \"indicator\": \"edgar_miner_agreements\", "
                  "\"equals\": true, \"evidence\": {\"bull\": 1}}]}",
                  "rules[0].equals: only for yes/no indicators");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"sox_drawdown\", "
                  "\"min\": 30, \"max\": 10, \"evidence\": {\"bull\": 1}}]}",
                  "rules[0].max: must be greater than min (30), not 10");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"sox_drawdown\", "
                  "\"evidence\": {\"bull\": 1}}]}", "rules[0].min: a range needs");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"sox_drawdown\", "
                  "\"min\": \"10\", \"evidence\": {\"bull\": 1}}]}",
                  "rules[0].min: must be a number, not a string");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"monetisation_event\", "
                  "\"min\": 1, \"evidence\": {\"bull\": 1}}]}",
                  "rules[0].min: “monetisation_event” is a yes/no indicator");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"monetisation_event\", "
                  "\"evidence\": {\"bull\": 1}}]}", "rules[0].equals: required");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"sox_drawdown\", "
                  "\"max\": 5, \"evidence\": {\"bear\": 12}}]}",
                  "rules[0].evidence.bear: must be between -10 and 10, not 12");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"sox_drawdown\", "
                  "\"max\": 5, \"evidence\": {}}]}", "rules[0].evidence: must give a weight");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"a\", \"indicator\": \"sox_drawdown\", "
                  "\"max\": 5, \"evidence\": {\"bull\": 1}, \"weight\": 2}]}",
                  "rules[0].weight: unknown field");
  assert_invalid (HEAD "\"rules\": [{\"id\": \"Bad Id\", \"indicator\": \"sox_drawdown\", "
                  "\"max\": 5, \"evidence\": {\"bull\": 1}}]}", "rules[0].id: required: a name");
}

static void
test_builtin_rules (void)
{
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();

  g_assert_true (cc_rules_is_builtin (rules));
  g_assert_cmpuint (cc_rules_get_n_rules (rules), >=, 20);
}

static char *
write_file (const char *dir,
            const char *contents)
{
  char *path = g_build_filename (dir, "rules.json", NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_user_file_overrides (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-rules-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcRules) rules = NULL;

  /* No user file: the built-in rules. */
  {
    g_autofree char *missing = g_build_filename (dir, "nothing.json", NULL);
    rules = cc_rules_load (missing, &error);
    g_assert_no_error (error);
    g_assert_true (cc_rules_is_builtin (rules));
    g_clear_pointer (&rules, cc_rules_unref);
  }

  /* A valid user file wins. */
  path = write_file (dir, HEAD "\"rules\": [{\"id\": \"mine\", \"indicator\": \"sox_drawdown\", "
                     "\"min\": 0, \"evidence\": {\"bear\": 5}}]}");
  rules = cc_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (cc_rules_is_builtin (rules));
  g_assert_cmpuint (cc_rules_get_n_rules (rules), ==, 1);
  g_assert_cmpstr (cc_rules_get_source (rules), ==, path);
  g_clear_pointer (&rules, cc_rules_unref);
  g_free (path);

  /* A broken one: a clear error naming the file and the field, and the built-in rules. */
  path = write_file (dir, HEAD "\"rules\": [{\"id\": \"mine\", \"indicator\": \"sox_drawdown\", "
                     "\"min\": 0, \"evidence\": {\"bear\": \"lots\"}}]}");
  rules = cc_rules_load (path, &error);
  g_assert_nonnull (rules);
  g_assert_true (cc_rules_is_builtin (rules));
  g_assert_error (error, CC_RULES_ERROR, CC_RULES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "rules[0].evidence.bear: must be a number"));
  g_clear_error (&error);
  g_clear_pointer (&rules, cc_rules_unref);

  /* Not JSON at all: line and column. */
  g_assert_true (g_file_set_contents (path, "{\n\"format\": \"chipcycle-rules\"\n\"version\": 1}",
                                      -1, NULL));
  rules = cc_rules_load (path, &error);
  g_assert_true (cc_rules_is_builtin (rules));
  g_assert_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "rules.json:2:27: Parse error"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_engine_by_hand (void)
{
  /* Priors 1; sox_drawdown 22.3 matches "base" (+2, +0.5 to efficiency) and "not bull"
   * (-3 to bull, clamped to 0); the flag rule does not match. By hand:
   *   phases: overbuild 1, efficiency 1.5, absorption 1 -> 1/3.5, 1.5/3.5, 1/3.5
   *   scenarios: bull max(1-3, 0) = 0, base 3, bear 1 -> 0, 0.75, 0.25 */
  g_autoptr(GError) error = NULL;
  g_autoptr(CcRules) rules = parse (HEAD "\"rules\": ["
    "{\"id\": \"base\", \"indicator\": \"sox_drawdown\", \"min\": 10, \"max\": 30, "
    " \"evidence\": {\"base\": 2, \"efficiency\": 0.5}},"
    "{\"id\": \"not-bull\", \"indicator\": \"sox_drawdown\", \"min\": 20, "
    " \"evidence\": {\"bull\": -3}, \"note\": \"Deep enough.\"},"
    "{\"id\": \"flag\", \"indicator\": \"monetisation_event\", \"equals\": true, "
    " \"evidence\": {\"bear\": 4}},"
    "{\"id\": \"high\", \"indicator\": \"sox_drawdown\", \"max\": 10, "
    " \"evidence\": {\"bull\": 4}}]}", &error);
  CcIndicators ind;
  CcAssessment a;
  const CcReason *reason;

  g_assert_no_error (error);
  cc_indicators_init (&ind);
  cc_assessment_init (&a);
  cc_indicators_set (&ind, CC_INDICATOR_SOX_DRAWDOWN, 22.3);
  cc_indicators_set (&ind, CC_INDICATOR_MONETISATION_EVENT, 0);
  cc_assessment_apply_rules (&a, rules, &ind);

  g_assert_cmpuint (a.n_matched, ==, 2);
  g_assert_cmpfloat_with_epsilon (a.weight[CC_TARGET_OVERBUILD], 1 / 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.weight[CC_TARGET_EFFICIENCY], 1.5 / 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.weight[CC_TARGET_ABSORPTION], 1 / 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.weight[CC_TARGET_BULL], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.weight[CC_TARGET_BASE], 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.weight[CC_TARGET_BEAR], 0.25, 1e-12);
  g_assert_cmpint (a.phase.leading, ==, CC_TARGET_EFFICIENCY);
  g_assert_cmpint (a.scenario.leading, ==, CC_TARGET_BASE);

  /* The sentences carry the value, the band and what it leans to. */
  g_assert_cmpuint (a.reasons[CC_TARGET_BASE]->len, ==, 1);
  reason = g_ptr_array_index (a.reasons[CC_TARGET_BASE], 0);
  g_assert_cmpstr (reason->rule_id, ==, "base");
  g_assert_cmpstr (reason->sentence, ==,
                   "SOX is 22.3% below its 52-week high, which points to the base case.");
  g_assert_cmpstr (reason->detail, ==,
                   "Rule “base”: sox_drawdown = 22.30, in [10, 30) → base +2.0");
  reason = g_ptr_array_index (a.reasons[CC_TARGET_BULL], 0);
  g_assert_cmpstr (reason->sentence, ==,
                   "SOX is 22.3% below its 52-week high, which counts against the bull case. "
                   "Deep enough.");
  g_assert_cmpstr (reason->detail, ==, "Rule “not-bull”: sox_drawdown = 22.30, ≥ 20 → bull -3.0");
  /* Clear leads, announced with the evidence in plain words. */
  g_assert_false (a.phase.tie);
  g_assert_cmpstr (a.phase.headline, ==, "Efficiency optimisation leads (43%)");
  g_assert_cmpstr (a.scenario.lead, ==,
                   "This looks like a move to balance, with memory cooling, GPU designers "
                   "holding and equipment slowing (75%): SOX is 22.3% below its 52-week high.");
  g_assert_cmpuint (a.reasons[CC_TARGET_BEAR]->len, ==, 0);

  /* A missing indicator matches nothing: here, everything is back to the priors. */
  cc_indicators_clear (&ind);
  cc_assessment_apply_rules (&a, rules, &ind);
  g_assert_cmpuint (a.n_matched, ==, 0);
  for (guint t = 0; t < CC_N_TARGETS; t++)
    g_assert_cmpfloat_with_epsilon (a.weight[t], 1.0 / 3, 1e-12);

  cc_assessment_clear (&a);
  cc_indicators_clear (&ind);
}

typedef struct {
  const char   *name;
  double        values[CC_N_INDICATORS];
  CcTarget      phase;
  CcTarget      scenario;
} Crafted;

#define NA NAN

static void
test_builtin_crafted (void)
{
  /* Order of values: drawdown, event move, mem-gpu event, mem-gpu since, equipment, neocloud,
   * miners, vs 200-day, memory run-up, monetisation. */
  static const Crafted cases[] = {
    /* A melt-up: SOX at its high and far above its average after a parabolic memory run. */
    { "overbuild-bull", { 2, 1.0, 1, 1, 3, 2, 1, 25, 250, 0 },
      CC_TARGET_OVERBUILD, CC_TARGET_BULL },
    /* The article's July 2026 reading: capacity for sale, memory hit harder than GPUs, a
     * correction, equipment lagging a little. */
    { "efficiency-base", { 18, -6.27, -7, -8, -5, -12, -3, 1, 120, 1 },
      CC_TARGET_EFFICIENCY, CC_TARGET_BASE },
    /* A 2022-style slump. */
    { "bear", { 45, -4, -3, -30, -15, -3, -30, -25, 20, 0 },
      CC_TARGET_OVERBUILD, CC_TARGET_BEAR },
    /* Demand catches up: hosts and memory lead, SOX near its high and its average. */
    { "absorption-bull", { 6, 0.5, 1, 3, 2, 12, 15, 4, 10, 0 },
      CC_TARGET_ABSORPTION, CC_TARGET_BULL },
  };
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      CcIndicators ind;
      CcAssessment a;
      double phases = 0, scenarios = 0;

      cc_indicators_init (&ind);
      cc_assessment_init (&a);
      for (guint i = 0; i < CC_N_INDICATORS; i++)
        if (!isnan (cases[c].values[i]))
          cc_indicators_set (&ind, i, cases[c].values[i]);
      cc_assessment_apply_rules (&a, rules, &ind);

      g_test_message ("%s: phase %s %.2f, scenario %s %.2f", cases[c].name,
                      cc_target_to_string (a.phase.leading), a.weight[a.phase.leading],
                      cc_target_to_string (a.scenario.leading), a.weight[a.scenario.leading]);
      g_assert_cmpstr (cc_target_to_string (a.phase.leading), ==,
                       cc_target_to_string (cases[c].phase));
      g_assert_cmpstr (cc_target_to_string (a.scenario.leading), ==,
                       cc_target_to_string (cases[c].scenario));

      for (guint t = 0; t < CC_N_TARGETS; t++)
        {
          if (cc_target_is_phase (t))
            phases += a.weight[t];
          else
            scenarios += a.weight[t];
          /* Every explanation states a number. */
          for (guint r = 0; r < a.reasons[t]->len; r++)
            {
              const CcReason *reason = g_ptr_array_index (a.reasons[t], r);
              g_assert_true (g_regex_match_simple ("[0-9]", reason->sentence, 0, 0));
            }
        }
      g_assert_cmpfloat_with_epsilon (phases, 1, 1e-12);
      g_assert_cmpfloat_with_epsilon (scenarios, 1, 1e-12);
      /* The leader has reasons. */
      g_assert_cmpuint (a.reasons[a.phase.leading]->len, >, 0);
      g_assert_cmpuint (a.reasons[a.scenario.leading]->len, >, 0);

      cc_assessment_clear (&a);
      cc_indicators_clear (&ind);
    }
}

/* fuzz-rules found a count of filings cast to an unsigned long for its plural form: a value
 * set from outside may be negative, huge or not a number, and still gets a sentence. */
static void
test_describe_any_value (void)
{
  const double values[] = { -23, 0, 1, 2, 1e300, -INFINITY, INFINITY, NAN };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = cc_indicator_describe (CC_INDICATOR_EDGAR_MINER_AGREEMENTS,
                                                     values[i]);

      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, "The miners filed "));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/errors-name-the-field", test_errors_name_the_field);
  g_test_add_func ("/rules/builtin", test_builtin_rules);
  g_test_add_func ("/rules/user-file-overrides", test_user_file_overrides);
  g_test_add_func ("/rules/engine-by-hand", test_engine_by_hand);
  g_test_add_func ("/rules/builtin-crafted", test_builtin_crafted);
  g_test_add_func ("/rules/describe-any-value", test_describe_any_value);

  return g_test_run ();
}
