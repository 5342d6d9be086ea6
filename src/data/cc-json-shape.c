/* cc-json-shape.c: the shape check shared by the provider, cache and rules readers. */
#define G_LOG_DOMAIN "cc-json-shape"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-json-shape.h"

static const char *
problem_at (const char *problem,
            gsize       at,
            gsize      *offset)
{
  if (offset != NULL)
    *offset = at;
  return problem;
}

gsize
cc_json_escape_length (const char *p,
                       gsize       available)
{
  guint value = 0;

  if (available < 2)
    return 0;
  if (p[1] != '\0' && strchr ("\"\\/bfnrt", p[1]) != NULL)
    return 2;
  if (p[1] != 'u' || available < 6)
    return 0;
  for (guint i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return 0;
      value = value * 16 + (guint) digit;
    }
  return value == 0 ? 0 : 6;
}

const char *
cc_json_shape_problem (const char *data,
                       gsize       length,
                       gsize      *offset)
{
  gboolean in_string = FALSE;
  gboolean closed = FALSE;
  int depth = 0;
  gsize i = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || (data[i] != '{' && data[i] != '['))
    return problem_at (_("it is not a JSON object"), i, offset);

  for (; i < length; i++)
    {
      char c = data[i];

      if (closed)
        {
          if (!g_ascii_isspace (c))
            return problem_at (_("it has data after its end"), i, offset);
          continue;
        }
      if (in_string)
        {
          if (c == '\\')
            {
              gsize escape_length = cc_json_escape_length (data + i, length - i);

              if (escape_length == 0)
                return problem_at (_("not a valid escape sequence"), i, offset);
              i += escape_length - 1;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > CC_JSON_MAX_DEPTH)
            return problem_at (_("it is nested too deeply"), i, offset);
        }
      else if (c == ']' || c == '}')
        {
          if (--depth <= 0)
            closed = TRUE;
        }
    }
  return NULL;
}

void
cc_json_offset_position (const char *data,
                         gsize       offset,
                         guint      *line,
                         guint      *column)
{
  guint l = 1, c = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          l++;
          c = 1;
        }
      else
        c++;
    }
  *line = l;
  *column = c;
}
