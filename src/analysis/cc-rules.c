/* cc-rules.c: loading and strictly checking the rule set, and evaluating it on indicators. */
#define G_LOG_DOMAIN "cc-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-rules.h"

#define RULES_FORMAT_NAME "chipcycle-rules"
#define MAX_EVIDENCE      10.0
#define MAX_PRIOR         100.0

G_DEFINE_QUARK (cc-rules-error-quark, cc_rules_error)

static const struct {
  const char *key;
  const char *label;
  const char *leaning;   /* as the object of "leans to …" */
} target_info[CC_N_TARGETS] = {
  { "overbuild", N_("Speculative overbuild"), N_("speculative overbuild") },
  { "efficiency", N_("Efficiency optimisation"), N_("efficiency optimisation") },
  { "absorption", N_("Demand absorption"), N_("demand absorption") },
  { "bull", N_("Bull case"), N_("the bull case") },
  { "base", N_("Base case"), N_("the base case") },
  { "bear", N_("Bear case"), N_("the bear case") },
};

typedef struct {
  char          *id;
  CcIndicatorId  indicator;
  gboolean       has_min;
  double         min;
  gboolean       has_max;
  double         max;
  gboolean       has_equals;
  gboolean       equals;
  double         evidence[CC_N_TARGETS];
  char          *note;
} CcRule;

struct _CcRules {
  gatomicrefcount  ref_count;
  char            *source;
  gboolean         builtin;
  double           prior[CC_N_TARGETS];
  GArray          *rules;   /* CcRule */
};

const char *
cc_target_to_string (CcTarget target)
{
  g_return_val_if_fail (target < CC_N_TARGETS, NULL);
  return target_info[target].key;
}

gboolean
cc_target_from_string (const char *text,
                       CcTarget   *target)
{
  for (guint i = 0; i < CC_N_TARGETS; i++)
    if (g_strcmp0 (text, target_info[i].key) == 0)
      {
        if (target)
          *target = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cc_target_get_label (CcTarget target)
{
  g_return_val_if_fail (target < CC_N_TARGETS, NULL);
  return _(target_info[target].label);
}

gboolean
cc_target_is_phase (CcTarget target)
{
  return target < CC_TARGET_FIRST_SCENARIO;
}

static void
rule_clear (gpointer data)
{
  CcRule *rule = data;

  g_free (rule->id);
  g_free (rule->note);
}

static CcRules *
rules_new (const char *source)
{
  CcRules *rules = g_new0 (CcRules, 1);

  g_atomic_ref_count_init (&rules->ref_count);
  rules->source = g_strdup (source);
  rules->rules = g_array_new (FALSE, TRUE, sizeof (CcRule));
  g_array_set_clear_func (rules->rules, rule_clear);
  for (guint i = 0; i < CC_N_TARGETS; i++)
    rules->prior[i] = 1.0;
  return rules;
}

CcRules *
cc_rules_ref (CcRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);
  g_atomic_ref_count_inc (&rules->ref_count);
  return rules;
}

void
cc_rules_unref (CcRules *rules)
{
  g_return_if_fail (rules != NULL);

  if (!g_atomic_ref_count_dec (&rules->ref_count))
    return;
  g_free (rules->source);
  g_array_unref (rules->rules);
  g_free (rules);
}

gboolean
cc_rules_is_builtin (CcRules *rules)
{
  g_return_val_if_fail (rules != NULL, FALSE);
  return rules->builtin;
}

const char *
cc_rules_get_source (CcRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);
  return rules->source;
}

guint
cc_rules_get_n_rules (CcRules *rules)
{
  g_return_val_if_fail (rules != NULL, 0);
  return rules->rules->len;
}

/* Every validation error reads "SOURCE: FIELD: what is wrong". */
static gboolean G_GNUC_PRINTF (4, 5)
invalid (GError    **error,
         const char *source,
         const char *field,
         const char *format,
         ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_INVALID, "%s: %s: %s", source, field, why);
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        default:
          return _("a number");
        }
    }
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
check_members (JsonObject  *object,
               const char  *source,
               const char  *where,
               const char **allowed,
               GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;

      if (!g_strv_contains (allowed, name))
        {
          g_autofree char *field = where[0] ? g_strdup_printf ("%s.%s", where, name)
                                            : g_strdup (name);
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);

          return invalid (error, source, field, _("unknown field (allowed: %s)"), list);
        }
    }
  return TRUE;
}

static gboolean
parse_number (JsonNode   *node,
              const char *source,
              const char *field,
              double      lo,
              double      hi,
              double     *out,
              GError    **error)
{
  double value;

  if (!node_is_number (node))
    return invalid (error, source, field, _("must be a number, not %s"), node_kind (node));
  value = json_node_get_double (node);
  if (!isfinite (value) || value < lo || value > hi)
    return invalid (error, source, field, _("must be between %g and %g, not %g"), lo, hi, value);
  *out = value;
  return TRUE;
}

static gboolean
parse_targets (JsonNode   *node,
               const char *source,
               const char *field,
               double      lo,
               double      hi,
               double     *values,
               guint      *n_set,
               GError    **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, source, field, _("must be an object of phase and scenario weights, "
                                            "not %s"), node_kind (node));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  *n_set = 0;
  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *sub = g_strdup_printf ("%s.%s", field, name);
      CcTarget target;

      if (!cc_target_from_string (name, &target))
        return invalid (error, source, sub,
                        _("unknown phase or scenario (use overbuild, efficiency, absorption, "
                          "bull, base or bear)"));
      if (!parse_number (json_object_get_member (object, name), source, sub, lo, hi,
                         &values[target], error))
        return FALSE;
      (*n_set)++;
    }
  return TRUE;
}

static gboolean
id_is_valid (const char *id)
{
  if (id[0] == '\0' || !(g_ascii_islower (id[0]) || g_ascii_isdigit (id[0])))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return strlen (id) <= 64;
}

static gboolean
parse_rule (CcRules    *rules,
            JsonNode   *node,
            guint       index,
            GError    **error)
{
  static const char *allowed[] = {
    "id", "indicator", "min", "max", "equals", "evidence", "note", NULL
  };
  g_autofree char *where = g_strdup_printf ("rules[%u]", index);
  const char *source = rules->source;
  CcRule rule = { 0 };
  JsonObject *object;
  JsonNode *member;
  guint n_set = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, source, where, _("must be an object, not %s"), node_kind (node));
  object = json_node_get_object (node);
  if (!check_members (object, source, where, allowed, error))
    return FALSE;

#define FIELD(name) (g_strdup_printf ("%s.%s", where, name))

  member = json_object_get_member (object, "id");
  if (member == NULL || !node_is_string (member) || !id_is_valid (json_node_get_string (member)))
    {
      g_autofree char *field = FIELD ("id");
      return invalid (error, source, field,
                      _("required: a name of lower-case letters, digits, “-” or “_” "
                        "(up to 64)"));
    }
  for (guint i = 0; i < rules->rules->len; i++)
    if (g_str_equal (g_array_index (rules->rules, CcRule, i).id, json_node_get_string (member)))
      {
        g_autofree char *field = FIELD ("id");
        return invalid (error, source, field, _("“%s” is already used by rules[%u]"),
                        json_node_get_string (member), i);
      }

  {
    JsonNode *ind = json_object_get_member (object, "indicator");
    g_autofree char *field = FIELD ("indicator");

    if (ind == NULL)
      return invalid (error, source, field, _("required"));
    if (!node_is_string (ind) || !cc_indicator_id_from_string (json_node_get_string (ind),
                                                               &rule.indicator))
      {
        GString *names = g_string_new (NULL);

        for (guint i = 0; i < CC_N_INDICATORS; i++)
          g_string_append_printf (names, "%s%s", i ? ", " : "", cc_indicator_id_to_string (i));
        invalid (error, source, field, _("unknown indicator (known: %s)"), names->str);
        g_string_free (names, TRUE);
        return FALSE;
      }
  }

  if ((member = json_object_get_member (object, "min")))
    {
      g_autofree char *field = FIELD ("min");
      if (!parse_number (member, source, field, -1e6, 1e6, &rule.min, error))
        return FALSE;
      rule.has_min = TRUE;
    }
  if ((member = json_object_get_member (object, "max")))
    {
      g_autofree char *field = FIELD ("max");
      if (!parse_number (member, source, field, -1e6, 1e6, &rule.max, error))
        return FALSE;
      rule.has_max = TRUE;
    }
  if ((member = json_object_get_member (object, "equals")))
    {
      g_autofree char *field = FIELD ("equals");
      if (!node_is_bool (member))
        return invalid (error, source, field, _("must be true or false, not %s"),
                        node_kind (member));
      rule.has_equals = TRUE;
      rule.equals = json_node_get_boolean (member);
    }

  if (cc_indicator_get_unit (rule.indicator) == CC_INDICATOR_UNIT_FLAG)
    {
      if (rule.has_min || rule.has_max)
        {
          g_autofree char *field = FIELD (rule.has_min ? "min" : "max");
          return invalid (error, source, field,
                          _("“%s” is a yes/no indicator: use “equals”, not a range"),
                          cc_indicator_id_to_string (rule.indicator));
        }
      if (!rule.has_equals)
        {
          g_autofree char *field = FIELD ("equals");
          return invalid (error, source, field, _("required for the yes/no indicator “%s”"),
                          cc_indicator_id_to_string (rule.indicator));
        }
    }
  else
    {
      if (rule.has_equals)
        {
          g_autofree char *field = FIELD ("equals");
          return invalid (error, source, field,
                          _("only for yes/no indicators; “%s” takes “min” and/or "
                            "“max”"),
                          cc_indicator_id_to_string (rule.indicator));
        }
      if (!rule.has_min && !rule.has_max)
        {
          g_autofree char *field = FIELD ("min");
          return invalid (error, source, field, _("a range needs “min”, “max” or both"));
        }
      if (rule.has_min && rule.has_max && !(rule.min < rule.max))
        {
          g_autofree char *field = FIELD ("max");
          return invalid (error, source, field, _("must be greater than min (%g), not %g"),
                          rule.min, rule.max);
        }
    }

  {
    g_autofree char *field = FIELD ("evidence");

    member = json_object_get_member (object, "evidence");
    if (member == NULL)
      return invalid (error, source, field, _("required"));
    if (!parse_targets (member, source, field, -MAX_EVIDENCE, MAX_EVIDENCE, rule.evidence,
                        &n_set, error))
      return FALSE;
    if (n_set == 0)
      return invalid (error, source, field, _("must give a weight to at least one phase or "
                                              "scenario"));
  }

  if ((member = json_object_get_member (object, "note")))
    {
      g_autofree char *field = FIELD ("note");
      if (!node_is_string (member))
        return invalid (error, source, field, _("must be a string, not %s"), node_kind (member));
      rule.note = g_strdup (json_node_get_string (member));
    }

#undef FIELD

  rule.id = g_strdup (json_node_get_string (json_object_get_member (object, "id")));
  g_array_append_val (rules->rules, rule);
  return TRUE;
}

CcRules *
cc_rules_new_from_data (const char  *data,
                        gssize       length,
                        const char  *source_name,
                        GError     **error)
{
  static const char *allowed[] = { "format", "version", "description", "prior", "rules", NULL };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CcRules) rules = NULL;
  JsonObject *root;
  JsonNode *member;
  JsonArray *list;

  g_return_val_if_fail (data != NULL, NULL);

  if (source_name == NULL)
    source_name = "rules.json";
  rules = rules_new (source_name);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: Parse error: …"; put the file's name first. */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>"))
        g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX, "%s%s", source_name,
                     message + strlen ("<data>"));
      else
        g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX, "%s: %s", source_name,
                     message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      invalid (error, source_name, _("top level"), _("the file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, source_name, _("top level"), _("must be an object, not %s"),
               node_kind (json_parser_get_root (parser)));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!check_members (root, source_name, "", allowed, error))
    return NULL;

  member = json_object_get_member (root, "format");
  if (member == NULL || !node_is_string (member) ||
      !g_str_equal (json_node_get_string (member), RULES_FORMAT_NAME))
    {
      invalid (error, source_name, "format", _("required, and must be “%s”"),
               RULES_FORMAT_NAME);
      return NULL;
    }
  member = json_object_get_member (root, "version");
  if (member == NULL || !node_is_number (member) || json_node_get_double (member) != 1.0)
    {
      invalid (error, source_name, "version", _("required, and must be 1 (the only version "
                                                "this app reads)"));
      return NULL;
    }
  member = json_object_get_member (root, "description");
  if (member != NULL && !node_is_string (member))
    {
      invalid (error, source_name, "description", _("must be a string, not %s"),
               node_kind (member));
      return NULL;
    }
  if ((member = json_object_get_member (root, "prior")))
    {
      guint n_set;

      if (!parse_targets (member, source_name, "prior", 0, MAX_PRIOR, rules->prior, &n_set,
                          error))
        return NULL;
    }

  member = json_object_get_member (root, "rules");
  if (member == NULL)
    {
      invalid (error, source_name, "rules", _("required"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      invalid (error, source_name, "rules", _("must be a list, not %s"), node_kind (member));
      return NULL;
    }
  list = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (!parse_rule (rules, json_array_get_element (list, i), i, error))
      return NULL;

  return g_steal_pointer (&rules);
}

CcRules *
cc_rules_new_from_file (GFile   *file,
                        GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_IO, "%s: %s", name,
                   local_error->message);
      return NULL;
    }
  return cc_rules_new_from_data (contents, length, name, error);
}

CcRules *
cc_rules_new_builtin (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CcRules *rules;

  bytes = g_resources_lookup_data (CC_RULES_RESOURCE_PATH, 0, &error);
  if (bytes == NULL)
    g_error ("The built-in rules are missing: %s", error->message);
  rules = cc_rules_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  CC_RULES_RESOURCE_PATH, &error);
  if (rules == NULL)
    g_error ("The built-in rules are broken: %s", error->message);
  rules->builtin = TRUE;
  return rules;
}

char *
cc_rules_get_user_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "chipcycle", "rules.json", NULL);
}

CcRules *
cc_rules_load (const char  *user_path,
               GError     **user_error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GFile) file = NULL;
  CcRules *rules;

  if (user_path == NULL)
    user_path = default_path = cc_rules_get_user_path ();

  if (!g_file_test (user_path, G_FILE_TEST_EXISTS))
    return cc_rules_new_builtin ();

  file = g_file_new_for_path (user_path);
  rules = cc_rules_new_from_file (file, user_error);
  if (rules == NULL)
    return cc_rules_new_builtin ();
  return rules;
}

/* Evaluation */

static void
reason_free (gpointer data)
{
  CcReason *reason = data;

  g_free (reason->rule_id);
  g_free (reason->sentence);
  g_free (reason);
}

void
cc_assessment_init (CcAssessment *assessment)
{
  g_return_if_fail (assessment != NULL);

  memset (assessment, 0, sizeof *assessment);
  for (guint i = 0; i < CC_N_TARGETS; i++)
    assessment->reasons[i] = g_ptr_array_new_with_free_func (reason_free);
}

void
cc_assessment_clear (CcAssessment *assessment)
{
  g_return_if_fail (assessment != NULL);

  for (guint i = 0; i < CC_N_TARGETS; i++)
    g_clear_pointer (&assessment->reasons[i], g_ptr_array_unref);
  memset (assessment, 0, sizeof *assessment);
}

static gboolean
rule_matches (const CcRule *rule,
              double        value)
{
  if (rule->has_equals)
    return (value != 0) == rule->equals;
  if (rule->has_min && value < rule->min)
    return FALSE;
  if (rule->has_max && value >= rule->max)
    return FALSE;
  return TRUE;
}

static char *
band_text (const CcRule *rule)
{
  gboolean percent = cc_indicator_get_unit (rule->indicator) == CC_INDICATOR_UNIT_PERCENT;

  if (rule->has_equals)
    return NULL;
  if (rule->has_min && rule->has_max)
    return percent ? g_strdup_printf (_("inside the %g–%g%% band"), rule->min, rule->max)
                   : g_strdup_printf (_("inside the band from %g to %g points"), rule->min,
                                      rule->max);
  if (rule->has_min)
    return percent ? g_strdup_printf (_("at or above %g%%"), rule->min)
                   : g_strdup_printf (_("at or above %g points"), rule->min);
  return percent ? g_strdup_printf (_("below %g%%"), rule->max)
                 : g_strdup_printf (_("below %g points"), rule->max);
}

static char *
reason_sentence (const CcRule *rule,
                 const char   *indicator_sentence,
                 CcTarget      target,
                 double        evidence)
{
  g_autofree char *band = band_text (rule);
  const char *leaning = _(target_info[target].leaning);
  GString *s = g_string_new (indicator_sentence);

  if (band)
    {
      g_string_append (s, ", ");
      g_string_append (s, band);
    }
  if (evidence >= 0)
    /* TRANSLATORS: follows a statement; %s is a phase or scenario, %.1f the rule's weight */
    g_string_append_printf (s, _(", which leans to %s (+%.1f)."), leaning, evidence);
  else
    g_string_append_printf (s, _(", which counts against %s (%.1f)."), leaning, evidence);
  if (rule->note && rule->note[0])
    {
      g_string_append_c (s, ' ');
      g_string_append (s, rule->note);
    }
  return g_string_free (s, FALSE);
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const CcReason *ra = *(CcReason * const *) a;
  const CcReason *rb = *(CcReason * const *) b;
  double fa = fabs (ra->evidence), fb = fabs (rb->evidence);

  return fa > fb ? -1 : fa < fb ? 1 : 0;
}

static CcTarget
normalise (CcAssessment *assessment,
           CcTarget      first)
{
  double sum = 0;
  CcTarget best = first;

  for (CcTarget t = first; t < first + 3; t++)
    sum += assessment->score[t];
  for (CcTarget t = first; t < first + 3; t++)
    {
      /* With no evidence at all, every outcome is equally likely. */
      assessment->weight[t] = sum > 0 ? assessment->score[t] / sum : 1.0 / 3.0;
      if (assessment->weight[t] > assessment->weight[best])
        best = t;
    }
  return best;
}

void
cc_assessment_evaluate (CcAssessment       *assessment,
                        CcRules            *rules,
                        const CcIndicators *indicators)
{
  g_return_if_fail (assessment != NULL);
  g_return_if_fail (rules != NULL);
  g_return_if_fail (indicators != NULL);

  cc_assessment_clear (assessment);
  cc_assessment_init (assessment);

  for (guint t = 0; t < CC_N_TARGETS; t++)
    assessment->score[t] = rules->prior[t];

  for (guint i = 0; i < rules->rules->len; i++)
    {
      const CcRule *rule = &g_array_index (rules->rules, CcRule, i);
      const CcIndicator *ind = &indicators->values[rule->indicator];

      if (!ind->available || !rule_matches (rule, ind->value))
        continue;
      assessment->n_matched++;
      for (guint t = 0; t < CC_N_TARGETS; t++)
        {
          CcReason *reason;

          if (rule->evidence[t] == 0)
            continue;
          assessment->score[t] += rule->evidence[t];
          reason = g_new0 (CcReason, 1);
          reason->rule_id = g_strdup (rule->id);
          reason->indicator = rule->indicator;
          reason->evidence = rule->evidence[t];
          reason->sentence = reason_sentence (rule, ind->sentence, t, rule->evidence[t]);
          g_ptr_array_add (assessment->reasons[t], reason);
        }
    }

  for (guint t = 0; t < CC_N_TARGETS; t++)
    {
      assessment->score[t] = MAX (assessment->score[t], 0.0);
      g_ptr_array_sort (assessment->reasons[t], compare_reasons);
    }
  assessment->leading_phase = normalise (assessment, CC_TARGET_FIRST_PHASE);
  assessment->leading_scenario = normalise (assessment, CC_TARGET_FIRST_SCENARIO);
}
