/* cc-csv-field.c: see cc-csv-field.h. */
#include "config.h"

#include <string.h>

#include "cc-csv-field.h"

void
cc_csv_append_field (GString    *out,
                     const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
