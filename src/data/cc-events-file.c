/* cc-events-file.c: the events JSON file (data/dataset/EVENTS-FORMAT.md): one reader and one
 * writer for the bundled events, the user's own and their imports and exports. */
#define G_LOG_DOMAIN "cc-events-file"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cc-events-file.h"
#include "cc-json-shape.h"
#include "cc-save-stream.h"

/* Deeper nesting than this is never a valid events file, and refusing it keeps json-glib's
 * recursive parser away from stack exhaustion on hostile input. */
#define MAX_JSON_DEPTH 32


static void
set_syntax_error (GError     **error,
                  const char  *source_name,
                  guint        line,
                  guint        column,
                  const char  *what)
{
  g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX,
               /* Translators: %1$s is a file name, then a line and a column number, then a
                * description of the problem. */
               _("%1$s: line %2$u, column %3$u: %4$s"),
               source_name, line, column, what);
}

/* Refuses what json-glib must never see: NUL bytes, invalid UTF-8, escapes JSON does not allow,
 * and nesting so deep the recursive parser could exhaust the stack. */
static gboolean
precheck_json (const char  *data,
               gsize        length,
               const char  *source_name,
               GError     **error)
{
  const char *end = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line, column;

  if (!g_utf8_validate_len (data, length, &end))
    {
      cc_json_offset_position (data, end - data, &line, &column);
      set_syntax_error (error, source_name, line, column,
                        (gsize) (end - data) < length && *end == '\0'
                          ? _("unexpected NUL byte")
                          : _("the text is not valid UTF-8"));
      return FALSE;
    }

  /* Likewise a value before the object ("1{…}", "\"\"{…}"): the file must be one object. */
  for (gsize i = 0; i < length && data[i] != '{'; i++)
    if (!g_ascii_isspace (data[i]))
      {
        cc_json_offset_position (data, i, &line, &column);
        set_syntax_error (error, source_name, line, column, _("expected an object"));
        return FALSE;
      }

  for (gsize i = 0; i < length; i++)
    {
      char ch = data[i];

      if (in_string)
        {
          gsize escape_length;

          if (ch == '"')
            in_string = FALSE;
          else if (ch == '\\')
            {
              /* json-glib 1.6 takes what JSON forbids: "\2000" becomes a lone byte 0x80 (not
               * UTF-8), "\q" becomes "q" and "\u0000" cuts the string short. */
              escape_length = cc_json_escape_length (data + i, length - i);
              if (escape_length == 0)
                {
                  cc_json_offset_position (data, i, &line, &column);
                  set_syntax_error (error, source_name, line, column,
                                    _("not a valid escape sequence"));
                  return FALSE;
                }
              i += escape_length - 1;
            }
          continue;
        }
      if (ch == '"')
        in_string = TRUE;
      else if (ch == '[' || ch == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              cc_json_offset_position (data, i, &line, &column);
              set_syntax_error (error, source_name, line, column,
                                _("the data is nested too deeply"));
              return FALSE;
            }
        }
      else if ((ch == ']' || ch == '}') && depth > 0)
        {
          /* json-glib 1.6 accepts a second top-level value ("{…}{…}") and leaks it. */
          if (--depth == 0)
            for (gsize j = i + 1; j < length; j++)
              if (!g_ascii_isspace (data[j]))
                {
                  cc_json_offset_position (data, j, &line, &column);
                  set_syntax_error (error, source_name, line, column,
                                    _("unexpected data after the end"));
                  return FALSE;
                }
        }
    }
  return TRUE;
}

/* json-glib 1.6 reports syntax errors as "<data>:LINE:COL: Parse error: TEXT"; this turns that
 * into our own message with the source name. */
static void
convert_parser_error (const GError  *parser_error,
                      const char    *source_name,
                      GError       **error)
{
  const char *msg = parser_error->message;
  const char *p = msg;
  guint64 line = 0, column = 0;
  char *endp;

  p = strstr (msg, ">:");
  if (p != NULL)
    {
      p += 2;
      line = g_ascii_strtoull (p, &endp, 10);
      if (endp != p && *endp == ':')
        {
          p = endp + 1;
          column = g_ascii_strtoull (p, &endp, 10);
          if (endp != p && *endp == ':')
            {
              const char *text = endp + 1;
              const char *colon = strstr (text, "Parse error:");

              if (colon != NULL)
                text = colon + strlen ("Parse error:");
              while (*text == ' ')
                text++;
              set_syntax_error (error, source_name, (guint) line, (guint) column, text);
              return;
            }
        }
    }

  g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX,
               /* Translators: %1$s is a file name, %2$s the parser's message. */
               _("%1$s: %2$s"), source_name, msg);
}

typedef struct {
  const char *source_name;
  guint       index;
  const char *title;
} ReadContext;

G_GNUC_PRINTF (4, 5)
static void
set_field_error (GError            **error,
                 const ReadContext  *ctx,
                 const char         *field,
                 const char         *format,
                 ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->title != NULL)
    g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u the event's number in the file,
                  * %3$s its title, %4$s a field name, %5$s what is wrong. */
                 _("%1$s: event %2$u (“%3$s”): field “%4$s”: %5$s"),
                 ctx->source_name, ctx->index, ctx->title, field, reason);
  else
    g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u the event's number in the file,
                  * %3$s a field name, %4$s what is wrong. */
                 _("%1$s: event %2$u: field “%3$s”: %4$s"),
                 ctx->source_name, ctx->index, field, reason);
}

static const char *
node_type_label (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* NULL when @text is written and read back unchanged, else what is wrong with it. Line breaks
 * and tabs are text in a description (@multiline); anywhere else, as any control character,
 * they would break a title on the chart or a list row. */
static char *
check_text (const char *text,
            gboolean    multiline)
{
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (_("the text is not valid UTF-8"));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\n' || c == '\t' || c == '\r'))
        continue;
      if (g_unichar_iscntrl (c))
        /* Translators: %04X is a character's code point in hexadecimal, e.g. U+0007. */
        return g_strdup_printf (_("contains the control character U+%04X"), c);
    }
  return NULL;
}

static gboolean
check_field (const char         *text,
             const char         *field,
             gboolean            multiline,
             const ReadContext  *ctx,
             GError            **error)
{
  g_autofree char *problem = check_text (text, multiline);

  if (problem == NULL)
    return TRUE;
  set_field_error (error, ctx, field, "%s", problem);
  return FALSE;
}

/* Optional string member: NULL when absent, an error when not a string or not text that can
 * be written back (check_text()). */
static gboolean
get_string_member (JsonObject         *object,
                   const char         *member,
                   gboolean            multiline,
                   const ReadContext  *ctx,
                   const char        **out,
                   GError            **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!node_is_string (node))
    {
      set_field_error (error, ctx, member, _("expected a string, found %s"),
                       node_type_label (node));
      return FALSE;
    }
  if (!check_field (json_node_get_string (node), member, multiline, ctx, error))
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_bool_member (JsonObject         *object,
                 const char         *member,
                 const ReadContext  *ctx,
                 gboolean           *out,
                 GError            **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_field_error (error, ctx, member, _("expected true or false, found %s"),
                       node_type_label (node));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* "2026-07-01", "2026-05" or "2026-Q1". */
static gboolean
parse_when (const char       *text,
            CcDate           *date,
            CcEventPrecision *precision)
{
  gsize len = strlen (text);
  int y, n;

  if (len == 10)
    {
      *precision = CC_EVENT_PRECISION_DAY;
      return cc_date_parse_iso (text, date);
    }
  if (len != 7 || text[4] != '-')
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  if (y < 1)
    return FALSE;
  if (text[5] == 'Q' && text[6] >= '1' && text[6] <= '4')
    {
      *precision = CC_EVENT_PRECISION_QUARTER;
      *date = cc_date_from_ymd (y, (text[6] - '1') * 3 + 1, 1);
      return TRUE;
    }
  if (!g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    return FALSE;
  n = (text[5] - '0') * 10 + (text[6] - '0');
  if (n < 1 || n > 12)
    return FALSE;
  *precision = CC_EVENT_PRECISION_MONTH;
  *date = cc_date_from_ymd (y, n, 1);
  return TRUE;
}

static char *
format_when_for_file (CcDate           date,
                      CcEventPrecision precision)
{
  int y, m, d;

  cc_date_to_ymd (date, &y, &m, &d);
  switch (precision)
    {
    case CC_EVENT_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);
    case CC_EVENT_PRECISION_QUARTER:
      return g_strdup_printf ("%04d-Q%d", y, (m - 1) / 3 + 1);
    case CC_EVENT_PRECISION_DAY:
    default:
      return cc_date_to_iso (date);
    }
}

static const char * const known_members[] = {
  "id", "date", "precision", "title", "description", "category", "tags", "source", "signal",
  "hidden", "user", NULL,
};

static CcEvent *
event_from_node (JsonNode     *node,
                 ReadContext  *ctx,
                 gboolean     *has_id,
                 GError      **error)
{
  g_autoptr(CcEvent) event = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *id, *date_text, *precision_text, *title, *text;
  CcDate date = CC_DATE_INVALID;
  CcEventPrecision precision;
  CcEventCategory category;
  CcMonitor monitor;
  CcSignalStance stance;
  gboolean flag;

  *has_id = FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %1$s is a file name, %2$u an event's number, %3$s a type. */
                   _("%1$s: event %2$u: expected an object, found %3$s"),
                   ctx->source_name, ctx->index, node_type_label (node));
      return NULL;
    }
  object = json_node_get_object (node);

  /* The title first, so every later error can name the event. */
  if (!get_string_member (object, "title", FALSE, ctx, &title, error))
    return NULL;
  if (title == NULL || *title == '\0')
    {
      set_field_error (error, ctx, "title", title == NULL ? _("missing") : _("empty"));
      return NULL;
    }
  ctx->title = title;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_members, l->data))
      {
        /* The name is quoted in the message, which must stay text. */
        g_autofree char *name = g_utf8_make_valid (l->data, -1);

        set_field_error (error, ctx, name, _("unknown field"));
        return NULL;
      }

  if (!get_string_member (object, "date", FALSE, ctx, &date_text, error))
    return NULL;
  if (date_text == NULL)
    {
      set_field_error (error, ctx, "date", _("missing"));
      return NULL;
    }
  if (!parse_when (date_text, &date, &precision))
    {
      set_field_error (error, ctx, "date",
                       _("“%s” is not a date (YYYY-MM-DD), a month (YYYY-MM) or a quarter "
                         "(YYYY-Q1 to YYYY-Q4)"),
                       date_text);
      return NULL;
    }

  if (!get_string_member (object, "precision", FALSE, ctx, &precision_text, error))
    return NULL;
  if (precision_text != NULL)
    {
      CcEventPrecision explicit_precision;

      if (!cc_event_precision_from_string (precision_text, &explicit_precision))
        {
          set_field_error (error, ctx, "precision",
                           _("“%s” is not one of day, month, quarter"), precision_text);
          return NULL;
        }
      /* A full date may be widened to its month or quarter; a month cannot be narrowed. */
      if (precision != CC_EVENT_PRECISION_DAY && explicit_precision != precision)
        {
          set_field_error (error, ctx, "precision",
                           _("“%s” does not match the date “%s”"), precision_text, date_text);
          return NULL;
        }
      precision = explicit_precision;
    }

  event = cc_event_new (date, precision, title);

  if (!get_string_member (object, "id", FALSE, ctx, &id, error))
    return NULL;
  if (id != NULL)
    {
      if (*id == '\0')
        {
          set_field_error (error, ctx, "id", _("empty"));
          return NULL;
        }
      cc_event_set_id (event, id);
      *has_id = TRUE;
    }

  if (!get_string_member (object, "description", TRUE, ctx, &text, error))
    return NULL;
  cc_event_set_description (event, text);

  if (!get_string_member (object, "category", FALSE, ctx, &text, error))
    return NULL;
  if (text == NULL)
    {
      set_field_error (error, ctx, "category", _("missing"));
      return NULL;
    }
  if (!cc_event_category_from_string (text, &category))
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint c = 0; c < CC_N_EVENT_CATEGORIES; c++)
        g_string_append_printf (list, "%s%s", c > 0 ? ", " : "", cc_event_category_to_string (c));
      set_field_error (error, ctx, "category", _("“%s” is not one of %s"), text, list->str);
      return NULL;
    }
  cc_event_set_category (event, category);

  member = json_object_get_member (object, "tags");
  if (member != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) tags = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          set_field_error (error, ctx, "tags", _("expected a list of strings, found %s"),
                           node_type_label (member));
          return NULL;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *tag = json_array_get_element (array, i);

          if (!node_is_string (tag) || *json_node_get_string (tag) == '\0')
            {
              set_field_error (error, ctx, "tags", _("item %u is not a non-empty string"),
                               i + 1);
              return NULL;
            }
          if (!check_field (json_node_get_string (tag), "tags", FALSE, ctx, error))
            return NULL;
          g_strv_builder_add (builder, json_node_get_string (tag));
        }
      tags = g_strv_builder_end (builder);
      cc_event_set_tags (event, (const char * const *) tags);
    }

  if (!get_string_member (object, "source", FALSE, ctx, &text, error))
    return NULL;
  cc_event_set_source (event, text);

  member = json_object_get_member (object, "signal");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonObject *signal;
      JsonNode *sub;
      const char *note = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          set_field_error (error, ctx, "signal", _("expected an object, found %s"),
                           node_type_label (member));
          return NULL;
        }
      signal = json_node_get_object (member);

      sub = json_object_get_member (signal, "monitor");
      if (sub == NULL || !node_is_string (sub) ||
          !cc_monitor_from_string (json_node_get_string (sub), &monitor) ||
          monitor == CC_MONITOR_NONE)
        {
          set_field_error (error, ctx, "signal.monitor",
                           _("expected one of capex, memory-prices, ai-adoption, "
                             "miner-contracts"));
          return NULL;
        }
      sub = json_object_get_member (signal, "stance");
      if (sub == NULL || !node_is_string (sub) ||
          !cc_signal_stance_from_string (json_node_get_string (sub), &stance))
        {
          set_field_error (error, ctx, "signal.stance",
                           _("expected one of positive, negative, neutral"));
          return NULL;
        }
      sub = json_object_get_member (signal, "note");
      if (sub != NULL)
        {
          if (!node_is_string (sub))
            {
              set_field_error (error, ctx, "signal.note", _("expected a string, found %s"),
                               node_type_label (sub));
              return NULL;
            }
          note = json_node_get_string (sub);
          if (!check_field (note, "signal.note", FALSE, ctx, error))
            return NULL;
        }
      {
        g_autoptr(GList) signal_members = json_object_get_members (signal);

        for (GList *l = signal_members; l != NULL; l = l->next)
          if (g_strcmp0 (l->data, "monitor") != 0 && g_strcmp0 (l->data, "stance") != 0 &&
              g_strcmp0 (l->data, "note") != 0)
            {
              g_autofree char *name = g_utf8_make_valid (l->data, -1);
              g_autofree char *field = g_strconcat ("signal.", name, NULL);

              set_field_error (error, ctx, field, _("unknown field"));
              return NULL;
            }
      }
      cc_event_set_signal (event, monitor, stance, note);
    }

  if (!get_bool_member (object, "hidden", ctx, &flag, error))
    return NULL;
  cc_event_set_hidden (event, flag);
  if (!get_bool_member (object, "user", ctx, &flag, error))
    return NULL;
  cc_event_set_user (event, flag);

  return g_steal_pointer (&event);
}

GPtrArray *
cc_events_from_json_data (const char  *data,
                          gssize       length,
                          const char  *source_name,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) generated = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root_object;
  JsonNode *root, *node;
  JsonArray *array;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source_name == NULL)
    source_name = _("events data");
  if (length < 0)
    length = strlen (data);

  if (!precheck_json (data, length, source_name, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      convert_parser_error (local_error, source_name, error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %s is a file name. */
                   _("%s: expected an object with “version” and “events”"), source_name);
      return NULL;
    }
  root_object = json_node_get_object (root);

  node = json_object_get_member (root_object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != 1)
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %s is a file name; "version" is a field name. */
                   _("%s: field “version”: this program reads version 1 only"), source_name);
      return NULL;
    }

  node = json_object_get_member (root_object, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %s is a file name; "events" is a field name. */
                   _("%s: field “events”: expected a list of events"), source_name);
      return NULL;
    }
  array = json_node_get_array (node);

  events = g_ptr_array_new_with_free_func (g_object_unref);
  generated = g_ptr_array_new ();
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ReadContext ctx = { source_name, i + 1, NULL };
      gboolean has_id;
      CcEvent *event = event_from_node (json_array_get_element (array, i), &ctx, &has_id, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);

      if (!has_id)
        g_ptr_array_add (generated, event);
      else if (!g_hash_table_add (ids, g_strdup (cc_event_get_id (event))))
        {
          set_field_error (error, &ctx, "id", _("“%s” is used by an earlier event"),
                           cc_event_get_id (event));
          return NULL;
        }
    }

  /* Events without an id get one from their date and title, made unique within the file. */
  for (guint i = 0; i < generated->len; i++)
    {
      CcEvent *event = g_ptr_array_index (generated, i);
      g_autofree char *base = g_strdup (cc_event_get_id (event));
      char *id = g_strdup (base);

      for (guint n = 2; g_hash_table_contains (ids, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", base, n);
        }
      cc_event_set_id (event, id);
      g_hash_table_add (ids, id);
    }

  return g_steal_pointer (&events);
}

GPtrArray *
cc_events_load_file (GFile   *file,
                     GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  return cc_events_from_json_data (contents, length, name, error);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON writing */

/* The writer refuses what the reader would refuse, so a save never yields a file that does not
 * load again (and would then be set aside). */
static gboolean
check_event_text (CcEvent  *event,
                  guint     index,
                  GError  **error)
{
  ReadContext ctx = { _("events to save"), index, NULL };
  const char * const *tags = cc_event_get_tags (event);
  g_autofree char *title_problem = check_text (cc_event_get_title (event), FALSE);

  if (title_problem != NULL)
    {
      set_field_error (error, &ctx, "title", "%s", title_problem);
      return FALSE;
    }
  ctx.title = cc_event_get_title (event);
  if (*ctx.title == '\0')
    {
      set_field_error (error, &ctx, "title", _("empty"));
      return FALSE;
    }
  if (!check_field (cc_event_get_id (event), "id", FALSE, &ctx, error) ||
      !check_field (cc_event_get_description (event), "description", TRUE, &ctx, error) ||
      !check_field (cc_event_get_source (event), "source", FALSE, &ctx, error) ||
      !check_field (cc_event_get_signal_note (event), "signal.note", FALSE, &ctx, error))
    return FALSE;
  for (guint t = 0; tags[t] != NULL; t++)
    {
      if (*tags[t] == '\0')
        {
          set_field_error (error, &ctx, "tags", _("item %u is not a non-empty string"), t + 1);
          return FALSE;
        }
      if (!check_field (tags[t], "tags", FALSE, &ctx, error))
        return FALSE;
    }
  return TRUE;
}

char *
cc_events_to_json_data (GPtrArray  *events,
                        gsize      *length,
                        GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = NULL;
      const char * const *tags = cc_event_get_tags (event);
      CcMonitor monitor = cc_event_get_monitor (event);

      if (!check_event_text (event, i + 1, error))
        return NULL;
      if (cc_event_get_date (event) == CC_DATE_INVALID)
        {
          ReadContext ctx = { _("events to save"), i + 1, cc_event_get_title (event) };

          set_field_error (error, &ctx, "date", _("missing"));
          return NULL;
        }
      when = format_when_for_file (cc_event_get_date (event), cc_event_get_precision (event));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, cc_event_get_id (event));
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, when);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, cc_event_get_title (event));
      if (*cc_event_get_description (event))
        {
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, cc_event_get_description (event));
        }
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder,
                                     cc_event_category_to_string (cc_event_get_category (event)));
      if (tags[0] != NULL)
        {
          json_builder_set_member_name (builder, "tags");
          json_builder_begin_array (builder);
          for (guint t = 0; tags[t]; t++)
            json_builder_add_string_value (builder, tags[t]);
          json_builder_end_array (builder);
        }
      if (*cc_event_get_source (event))
        {
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, cc_event_get_source (event));
        }
      if (monitor != CC_MONITOR_NONE)
        {
          json_builder_set_member_name (builder, "signal");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "monitor");
          json_builder_add_string_value (builder, cc_monitor_to_string (monitor));
          json_builder_set_member_name (builder, "stance");
          json_builder_add_string_value (builder,
                                         cc_signal_stance_to_string (cc_event_get_stance (event)));
          if (*cc_event_get_signal_note (event))
            {
              json_builder_set_member_name (builder, "note");
              json_builder_add_string_value (builder, cc_event_get_signal_note (event));
            }
          json_builder_end_object (builder);
        }
      if (cc_event_get_hidden (event))
        {
          json_builder_set_member_name (builder, "hidden");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (cc_event_get_user (event))
        {
          json_builder_set_member_name (builder, "user");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

GFile *
cc_events_keep_aside (GFile   *file,
                      GError **error)
{
  g_autofree char *base = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  base = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  if (base == NULL || parent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: shown when a file to set aside has no folder. */
                   _("Cannot set this file aside"));
      return NULL;
    }
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (base, ".corrupt", NULL)
                                     : g_strdup_printf ("%s.corrupt-%u", base, n);
      g_autoptr(GFile) target = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;

      /* No overwrite: an earlier corrupt copy is kept too. */
      if (g_file_move (file, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
        return g_steal_pointer (&target);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               /* Translators: %s is a file name. */
               _("Too many set-aside copies of %s"), base);
  return NULL;
}

gboolean
cc_events_save_file (GPtrArray     *events,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = cc_events_to_json_data (events, &length, error);
  if (data == NULL)
    return FALSE;

  /* A temporary file, synced and renamed over the old one, removed when anything fails: the
   * old file survives every error. */
  return cc_save_contents (file, data, length, CC_SAVE_MODE_DEFAULT, cancellable, error);
}
