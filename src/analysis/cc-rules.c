/* cc-rules.c: loading and strictly checking the rule set, and evaluating it on indicators. */
#define G_LOG_DOMAIN "cc-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-json-shape.h"
#include "cc-rules-private.h"

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


struct _CcRules {
  gatomicrefcount  ref_count;
  char            *source;
  gboolean         builtin;
  int              version;
  double           prior[CC_N_TARGETS];
  GArray          *rules;   /* CcRule */
  /* Which events the event measures may use. */
  char            *qualifying_description;   /* the file's words, or NULL: the built-in ones */
  char           **qualifying_tags;          /* any of these; NULL or empty: any event */
  guint            qualifying_categories;    /* bit mask of CcEventCategory; 0: any */
  gboolean         qualifying_day_only;      /* only day-precision events (a day 0 is needed) */
  char            *notice;
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

/* The definition version 1 files implied, and the built-in file spells out. */
static void
set_default_qualifying (CcRules *rules)
{
  static const char * const tags[] = { CC_TAG_CAPACITY_MONETISATION, CC_TAG_CAPACITY, NULL };

  g_clear_pointer (&rules->qualifying_description, g_free);
  g_strfreev (rules->qualifying_tags);
  rules->qualifying_tags = g_strdupv ((char **) tags);
  rules->qualifying_categories = 0;
  rules->qualifying_day_only = TRUE;
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
  set_default_qualifying (rules);
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
  g_free (rules->qualifying_description);
  g_strfreev (rules->qualifying_tags);
  g_free (rules->notice);
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
parse_qualifying (CcRules   *rules,
                  JsonNode  *node,
                  GError   **error)
{
  static const char *allowed[] = { "description", "tags", "categories", "precision", NULL };
  const char *source = rules->source;
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, source, "qualifying_event", _("must be an object, not %s"),
                    node_kind (node));
  object = json_node_get_object (node);
  if (!check_members (object, source, "qualifying_event", allowed, error))
    return FALSE;

  if ((member = json_object_get_member (object, "description")))
    {
      if (!node_is_string (member))
        return invalid (error, source, "qualifying_event.description",
                        _("must be a string, not %s"), node_kind (member));
      rules->qualifying_description = g_strdup (json_node_get_string (member));
    }

  g_clear_pointer (&rules->qualifying_tags, g_strfreev);
  if ((member = json_object_get_member (object, "tags")))
    {
      g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
      JsonArray *list;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        return invalid (error, source, "qualifying_event.tags",
                        _("must be a list of strings, not %s"), node_kind (member));
      list = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *tag = json_array_get_element (list, i);

          if (!node_is_string (tag) || json_node_get_string (tag)[0] == '\0')
            {
              g_autofree char *field = g_strdup_printf ("qualifying_event.tags[%u]", i);
              return invalid (error, source, field, _("must be a non-empty string"));
            }
          g_strv_builder_add (tags, json_node_get_string (tag));
        }
      rules->qualifying_tags = g_strv_builder_end (tags);
    }

  rules->qualifying_categories = 0;
  if ((member = json_object_get_member (object, "categories")))
    {
      JsonArray *list;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        return invalid (error, source, "qualifying_event.categories",
                        _("must be a list of strings, not %s"), node_kind (member));
      list = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *cat = json_array_get_element (list, i);
          CcEventCategory category;

          if (!node_is_string (cat) ||
              !cc_event_category_from_string (json_node_get_string (cat), &category))
            {
              g_autofree char *field = g_strdup_printf ("qualifying_event.categories[%u]", i);
              GString *names = g_string_new (NULL);

              for (guint c = 0; c < CC_N_EVENT_CATEGORIES; c++)
                g_string_append_printf (names, "%s%s", c ? ", " : "",
                                        cc_event_category_to_string (c));
              invalid (error, source, field, _("unknown category (known: %s)"), names->str);
              g_string_free (names, TRUE);
              return FALSE;
            }
          rules->qualifying_categories |= 1u << category;
        }
    }

  rules->qualifying_day_only = TRUE;
  if ((member = json_object_get_member (object, "precision")))
    {
      const char *text = node_is_string (member) ? json_node_get_string (member) : NULL;

      if (g_strcmp0 (text, "day") == 0)
        rules->qualifying_day_only = TRUE;
      else if (g_strcmp0 (text, "any") == 0)
        rules->qualifying_day_only = FALSE;
      else
        return invalid (error, source, "qualifying_event.precision",
                        _("must be “day” or “any”"));
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
    if (!node_is_string (ind))
      return invalid (error, source, field, _("must be the name of an indicator, not %s"),
                      node_kind (ind));
    if (!cc_indicator_id_from_string (json_node_get_string (ind), &rule.indicator))
      {
        GString *names = g_string_new (NULL);
        /* Control characters escaped, the rest of UTF-8 kept. */
        static const char high[] =
          "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
          "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
          "\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf"
          "\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf"
          "\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf"
          "\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf"
          "\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef"
          "\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff";
        g_autofree char *name = g_strescape (json_node_get_string (ind), high);

        for (guint i = 0; i < CC_N_INDICATORS; i++)
          g_string_append_printf (names, "%s%s", i ? ", " : "", cc_indicator_id_to_string (i));
        /* TRANSLATORS: the indicator's name as written, the rule's id, then the known names */
        invalid (error, source, field, _("unknown indicator “%s” in rule “%s” (known: %s)"),
                 name, json_node_get_string (json_object_get_member (object, "id")),
                 names->str);
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
  static const char *allowed[] = {
    "format", "version", "description", "prior", "qualifying_event", "rules", NULL
  };
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

  {
    gsize n = length < 0 ? strlen (data) : (gsize) length, i = 0, at = 0;
    const char *problem;
    guint line, column;

    while (i < n && g_ascii_isspace (data[i]))
      i++;
    if (i < n && data[i] != '{')
      {
        invalid (error, source_name, _("top level"), _("must be an object, not %s"),
                 data[i] == '[' ? _("a list") : data[i] == '"' ? _("a string") : _("a number"));
        return NULL;
      }
    /* json-glib 1.6 leaks a document with two top-level values ("{…}{…}") and overflows its
     * stack on deep nesting: the same check as every other JSON reader's. An empty file is
     * left to the parser, which says so. */
    if (i < n && (problem = cc_json_shape_problem (data, n, &at)) != NULL)
      {
        cc_json_offset_position (data, at, &line, &column);
        g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX, "%s:%u:%u: %s", source_name,
                     line, column, problem);
        return NULL;
      }
  }
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
  if (member == NULL || !node_is_number (member) ||
      (json_node_get_double (member) != 1.0 && json_node_get_double (member) != 2.0))
    {
      invalid (error, source_name, "version", _("required, and must be 2 (or 1 for files "
                                                "written before the event measures followed "
                                                "the as-of date)"));
      return NULL;
    }
  rules->version = (int) json_node_get_double (member);
  member = json_object_get_member (root, "qualifying_event");
  if (member != NULL && rules->version < 2)
    {
      invalid (error, source_name, "qualifying_event", _("needs \"version\": 2"));
      return NULL;
    }
  if (member != NULL && !parse_qualifying (rules, member, error))
    return NULL;
  if (rules->version < 2)
    rules->notice =
      g_strdup_printf (_("%s is written for version 1 of the rules format. Since version 2 the "
                         "event measures use the latest qualifying event on or before the "
                         "as-of date, not the event you select; this file gets the built-in "
                         "choice (a day-dated event tagged “%s” or “%s”). Set \"version\": 2 "
                         "and add \"qualifying_event\" to choose (see RULES-FORMAT.md)."),
                       source_name, CC_TAG_CAPACITY_MONETISATION, CC_TAG_CAPACITY);
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

/* What the assessment needs */

guint
_cc_rules_get_n (CcRules *rules)
{
  return rules->rules->len;
}

const CcRule *
_cc_rules_get_rule (CcRules *rules,
                    guint    index)
{
  g_assert (index < rules->rules->len);
  return &g_array_index (rules->rules, CcRule, index);
}

const double *
_cc_rules_get_prior (CcRules *rules)
{
  return rules->prior;
}

const char *
_cc_target_get_phrase (CcTarget target)
{
  g_return_val_if_fail (target < CC_N_TARGETS, NULL);
  return _(target_info[target].leaning);
}

gboolean
_cc_rule_matches (const CcRule *rule,
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

char *
_cc_rule_band_text (const CcRule *rule)
{
  if (rule->has_equals)
    return g_strdup (rule->equals ? "= true" : "= false");
  if (rule->has_min && rule->has_max)
    return g_strdup_printf ("in [%g, %g)", rule->min, rule->max);
  if (rule->has_min)
    return g_strdup_printf ("≥ %g", rule->min);
  return g_strdup_printf ("< %g", rule->max);
}

gboolean
cc_rules_event_qualifies (CcRules *rules,
                          CcEvent *event)
{
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (CC_IS_EVENT (event), FALSE);

  if (cc_event_get_hidden (event))
    return FALSE;
  if (rules->qualifying_day_only && cc_event_get_precision (event) != CC_EVENT_PRECISION_DAY)
    return FALSE;
  if (rules->qualifying_categories != 0 &&
      !(rules->qualifying_categories & (1u << cc_event_get_category (event))))
    return FALSE;
  if (rules->qualifying_tags == NULL || rules->qualifying_tags[0] == NULL)
    return TRUE;
  for (guint i = 0; rules->qualifying_tags[i]; i++)
    if (cc_event_has_tag (event, rules->qualifying_tags[i]))
      return TRUE;
  return FALSE;
}

const char *
cc_rules_get_qualifying_description (CcRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);

  /* The built-in file's words are translated here; a user's own are shown as written. */
  if (rules->qualifying_description != NULL && !rules->builtin)
    return rules->qualifying_description;
  return _("offers of spare AI computing capacity for sale or rent");
}

const char *
cc_rules_get_notice (CcRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);
  return rules->notice;
}

int
cc_rules_get_version (CcRules *rules)
{
  g_return_val_if_fail (rules != NULL, 0);
  return rules->version;
}
