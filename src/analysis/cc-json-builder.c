/* cc-json-builder.c: see cc-json-builder.h. */
#include "config.h"

#include <math.h>

#include "cc-json-builder.h"

void
cc_json_add_date (JsonBuilder *builder,
                  const char  *name,
                  CcDate       date)
{
  char text[11];

  json_builder_set_member_name (builder, name);
  if (date == CC_DATE_INVALID)
    {
      json_builder_add_null_value (builder);
      return;
    }
  cc_date_format_iso (date, text);
  json_builder_add_string_value (builder, text);
}

void
cc_json_add_number (JsonBuilder *builder,
                    const char  *name,
                    gboolean     have,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (have && isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cc_json_add_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cc_json_add_strv (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

char *
cc_json_to_pretty_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}
