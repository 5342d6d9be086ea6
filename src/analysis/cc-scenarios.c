/* cc-scenarios.c: reading the stress scenarios file. */
#define G_LOG_DOMAIN "cc-scenarios"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-json-shape.h"
#include "cc-rules.h"
#include "cc-scenarios.h"

#define FORMAT_NAME "chipcycle-scenarios"

struct _CcScenarios
{
  gatomicrefcount ref_count;
  char           *source;
  gboolean        builtin;
  double          move[CC_N_SCENARIOS][CC_N_EXPOSURE_GROUPS];
  char           *reason[CC_N_SCENARIOS][CC_N_EXPOSURE_GROUPS];
};

static const char * const group_keys[CC_N_EXPOSURE_GROUPS] = {
  CC_GROUP_MEMORY, CC_GROUP_EQUIPMENT, CC_GROUP_GPU, CC_GROUP_NEOCLOUD, CC_GROUP_MINERS,
  CC_GROUP_HYPERSCALER, "other",
};

static const char * const scenario_keys[CC_N_SCENARIOS] = { "bull", "base", "bear" };

const char *
cc_exposure_group_to_string (CcExposureGroup group)
{
  g_return_val_if_fail (group < CC_N_EXPOSURE_GROUPS, NULL);
  return group_keys[group];
}

const char *
cc_exposure_group_get_label (CcExposureGroup group)
{
  g_return_val_if_fail (group < CC_N_EXPOSURE_GROUPS, NULL);
  if (group == CC_EXPOSURE_OTHER)
    /* Translators: the exposure group of tickers outside the catalogue's groups. */
    return C_("exposure group", "Other");
  return cc_catalogue_group_get_label (group_keys[group]);
}

CcExposureGroup
cc_exposure_group_from_catalogue (const char *group_id)
{
  for (guint g = 0; g < CC_EXPOSURE_OTHER; g++)
    if (g_strcmp0 (group_id, group_keys[g]) == 0)
      return g;
  return CC_EXPOSURE_OTHER;
}

const char *
cc_scenario_to_string (guint scenario)
{
  g_return_val_if_fail (scenario < CC_N_SCENARIOS, NULL);
  return scenario_keys[scenario];
}

const char *
cc_scenario_get_label (guint scenario)
{
  g_return_val_if_fail (scenario < CC_N_SCENARIOS, NULL);
  switch (scenario)
    {
    case 0:
      return _("Bull case");
    case 1:
      return _("Base case");
    default:
      return _("Bear case");
    }
}

static void
set_invalid (GError    **error,
             const char *source_name,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
set_invalid (GError    **error,
             const char *source_name,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_INVALID, "%s: %s", source_name, what);
}

static gboolean
check_members (JsonObject         *object,
               const char * const *allowed,
               guint               n_allowed,
               const char         *source_name,
               const char         *where,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < n_allowed && !known; i++)
        known = strcmp (l->data, allowed[i]) == 0;
      if (!known)
        {
          /* Translators: "where" is "the file" or a scenario name such as “bull” */
          set_invalid (error, source_name, _("%s: unknown field “%s”"), where,
                       (const char *) l->data);
          return FALSE;
        }
    }
  return TRUE;
}

static void
scenarios_free (CcScenarios *self)
{
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
      g_free (self->reason[s][g]);
  g_free (self->source);
  g_free (self);
}

CcScenarios *
cc_scenarios_new_from_data (const char  *data,
                            gssize       length,
                            const char  *source_name,
                            GError     **error)
{
  static const char * const top[] = { "format", "version", "description", "scenarios" };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  CcScenarios *self;
  JsonObject *root, *scenarios;
  JsonNode *node;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (!g_utf8_validate (data, length, NULL) || memchr (data, '\0', (gsize) length) != NULL)
    {
      set_invalid (error, source_name, "%s", _("it is not text"));
      return NULL;
    }
  {
    gsize at = 0;
    const char *problem = cc_json_shape_problem (data, (gsize) length, &at);

    if (problem != NULL)
      {
        guint line, column;

        cc_json_offset_position (data, at, &line, &column);
        g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX,
                     /* Translators: a file name, a line and a column, then what is wrong */
                     _("%s: line %u, column %u: %s"), source_name, line, column, problem);
        return NULL;
      }
  }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX, "%s: %s", source_name,
                   local_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, source_name, "%s", _("expected an object"));
      return NULL;
    }
  root = json_node_get_object (node);
  if (!check_members (root, top, G_N_ELEMENTS (top), source_name, _("the file"), error))
    return NULL;
  node = json_object_get_member (root, "format");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      strcmp (json_node_get_string (node), FORMAT_NAME) != 0)
    {
      set_invalid (error, source_name, _("“format” must be “%s”"), FORMAT_NAME);
      return NULL;
    }
  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != 1)
    {
      set_invalid (error, source_name, "%s", _("“version” must be 1"));
      return NULL;
    }
  node = json_object_get_member (root, "scenarios");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, source_name, "%s",
                   _("“scenarios” must be an object with “bull”, “base” and “bear”"));
      return NULL;
    }
  scenarios = json_node_get_object (node);
  if (!check_members (scenarios, scenario_keys, CC_N_SCENARIOS, source_name, "scenarios",
                      error))
    return NULL;

  self = g_new0 (CcScenarios, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->source = g_strdup (source_name);
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    {
      JsonObject *scenario;

      node = json_object_get_member (scenarios, scenario_keys[s]);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          set_invalid (error, source_name, _("“%s” must be an object with a move for each "
                                             "group"), scenario_keys[s]);
          scenarios_free (self);
          return NULL;
        }
      scenario = json_node_get_object (node);
      if (!check_members (scenario, group_keys, CC_N_EXPOSURE_GROUPS, source_name,
                          scenario_keys[s], error))
        {
          scenarios_free (self);
          return NULL;
        }
      for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
        {
          static const char * const entry_keys[] = { "move", "reason" };
          JsonObject *entry;
          JsonNode *move, *reason;
          g_autofree char *where = g_strdup_printf ("%s.%s", scenario_keys[s], group_keys[g]);

          node = json_object_get_member (scenario, group_keys[g]);
          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            {
              set_invalid (error, source_name, _("%s: missing, or not an object with “move” "
                                                 "and “reason”"), where);
              scenarios_free (self);
              return NULL;
            }
          entry = json_node_get_object (node);
          if (!check_members (entry, entry_keys, G_N_ELEMENTS (entry_keys), source_name, where,
                              error))
            {
              scenarios_free (self);
              return NULL;
            }
          move = json_object_get_member (entry, "move");
          reason = json_object_get_member (entry, "reason");
          if (move == NULL || !JSON_NODE_HOLDS_VALUE (move) ||
              (json_node_get_value_type (move) != G_TYPE_INT64 &&
               json_node_get_value_type (move) != G_TYPE_DOUBLE) ||
              !isfinite (json_node_get_double (move)) || json_node_get_double (move) < -100 ||
              json_node_get_double (move) > 1000)
            {
              set_invalid (error, source_name, _("%s: “move” must be a percentage from -100 to "
                                                 "1000"), where);
              scenarios_free (self);
              return NULL;
            }
          if (reason == NULL || !JSON_NODE_HOLDS_VALUE (reason) ||
              json_node_get_value_type (reason) != G_TYPE_STRING ||
              json_node_get_string (reason)[0] == '\0')
            {
              set_invalid (error, source_name, _("%s: “reason” must say why, in a sentence"),
                           where);
              scenarios_free (self);
              return NULL;
            }
          self->move[s][g] = json_node_get_double (move) / 100.0;
          self->reason[s][g] = g_strdup (json_node_get_string (reason));
        }
    }
  return self;
}

CcScenarios *
cc_scenarios_new_from_file (GFile   *file,
                            GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    path = g_file_get_uri (file);
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, CC_RULES_ERROR, CC_RULES_ERROR_IO, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  return cc_scenarios_new_from_data (data, (gssize) length, path, error);
}

CcScenarios *
cc_scenarios_new_builtin (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CcScenarios *self;

  bytes = g_resources_lookup_data (CC_SCENARIOS_RESOURCE_PATH, 0, &error);
  if (bytes == NULL)
    g_error ("The built-in scenarios are missing: %s", error->message);
  self = cc_scenarios_new_from_data (g_bytes_get_data (bytes, NULL),
                                     (gssize) g_bytes_get_size (bytes),
                                     CC_SCENARIOS_RESOURCE_PATH, &error);
  if (self == NULL)
    g_error ("The built-in scenarios are broken: %s", error->message);
  self->builtin = TRUE;
  return self;
}

char *
cc_scenarios_get_user_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "chipcycle", "scenarios.json", NULL);
}

CcScenarios *
cc_scenarios_load (const char  *user_path,
                   GError     **user_error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GFile) file = NULL;
  CcScenarios *self;

  if (user_path == NULL)
    user_path = default_path = cc_scenarios_get_user_path ();
  if (!g_file_test (user_path, G_FILE_TEST_EXISTS))
    return cc_scenarios_new_builtin ();
  file = g_file_new_for_path (user_path);
  self = cc_scenarios_new_from_file (file, user_error);
  return self ? self : cc_scenarios_new_builtin ();
}

CcScenarios *
cc_scenarios_ref (CcScenarios *scenarios)
{
  g_return_val_if_fail (scenarios != NULL, NULL);
  g_atomic_ref_count_inc (&scenarios->ref_count);
  return scenarios;
}

void
cc_scenarios_unref (CcScenarios *scenarios)
{
  if (scenarios != NULL && g_atomic_ref_count_dec (&scenarios->ref_count))
    scenarios_free (scenarios);
}

gboolean
cc_scenarios_is_builtin (CcScenarios *scenarios)
{
  g_return_val_if_fail (scenarios != NULL, FALSE);
  return scenarios->builtin;
}

const char *
cc_scenarios_get_source (CcScenarios *scenarios)
{
  g_return_val_if_fail (scenarios != NULL, NULL);
  return scenarios->source;
}

double
cc_scenarios_get_move (CcScenarios     *scenarios,
                       guint            scenario,
                       CcExposureGroup  group)
{
  g_return_val_if_fail (scenarios != NULL, NAN);
  g_return_val_if_fail (scenario < CC_N_SCENARIOS && group < CC_N_EXPOSURE_GROUPS, NAN);
  return scenarios->move[scenario][group];
}

const char *
cc_scenarios_get_reason (CcScenarios     *scenarios,
                         guint            scenario,
                         CcExposureGroup  group)
{
  g_return_val_if_fail (scenarios != NULL, NULL);
  g_return_val_if_fail (scenario < CC_N_SCENARIOS && group < CC_N_EXPOSURE_GROUPS, NULL);
  return scenarios->reason[scenario][group];
}
