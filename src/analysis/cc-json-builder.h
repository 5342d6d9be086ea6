/* cc-json-builder.h: members of the analysis layer's JSON replies (and the command line's),
 * written one way: a date as "YYYY-MM-DD" or null, a number or null when it is missing or not
 * finite, a string or null, a list of strings. */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-date.h"

G_BEGIN_DECLS

void cc_json_add_date   (JsonBuilder        *builder,
                         const char         *name,
                         CcDate              date);
/* null unless @have and @value is finite. */
void cc_json_add_number (JsonBuilder        *builder,
                         const char         *name,
                         gboolean            have,
                         double              value);
void cc_json_add_string (JsonBuilder        *builder,
                         const char         *name,
                         const char         *value);
/* An array; an empty one for NULL. */
void cc_json_add_strv   (JsonBuilder        *builder,
                         const char         *name,
                         const char * const *strv);
/* @root as indented text with a final newline. */
char *cc_json_to_pretty_text (JsonNode      *root);

G_END_DECLS
