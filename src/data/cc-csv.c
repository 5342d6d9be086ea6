/* cc-csv.c: price CSV import and export. */
#define G_LOG_DOMAIN "cc-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-csv.h"
#include "cc-data-error.h"
#include "cc-provider.h"
#include "cc-save-stream.h"

#define MAX_NOTES 50

typedef struct {
  CcDate  date;
  double  close;
  guint   line;
  guint8  provenance;
  guint8  flags;
} Row;

typedef struct {
  char   *symbol;
  GArray *rows;   /* Row */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->symbol);
  g_array_unref (group->rows);
  g_free (group);
}

static void
add_note (GPtrArray  *notes,
          guint      *n_notes,
          char       *note)
{
  (*n_notes)++;
  if (notes != NULL && *n_notes <= MAX_NOTES)
    g_ptr_array_add (notes, note);
  else
    g_free (note);
}

/* Splits one line into fields, honouring double quotes ("" is a quote inside a quoted field).
 * @quoted gets TRUE for fields that were quoted. Returns FALSE when a quote is not closed. */
static gboolean
split_line (const char *line,
            gsize       length,
            GPtrArray  *fields,
            GArray     *quoted)
{
  gsize i = 0;

  g_ptr_array_set_size (fields, 0);
  g_array_set_size (quoted, 0);

  for (;;)
    {
      GString *field = g_string_new (NULL);
      gboolean was_quoted = FALSE;

      while (i < length && (line[i] == ' ' || line[i] == '\t'))
        i++;
      if (i < length && line[i] == '"')
        {
          gboolean closed = FALSE;

          was_quoted = TRUE;
          i++;
          while (i < length)
            {
              if (line[i] == '"')
                {
                  if (i + 1 < length && line[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  closed = TRUE;
                  i++;
                  break;
                }
              g_string_append_c (field, line[i++]);
            }
          if (!closed)
            {
              g_string_free (field, TRUE);
              return FALSE;
            }
          while (i < length && line[i] != ',')
            i++;
        }
      else
        {
          while (i < length && line[i] != ',')
            g_string_append_c (field, line[i++]);
        }

      g_strstrip (field->str);
      field->len = strlen (field->str);
      g_ptr_array_add (fields, g_string_free (field, FALSE));
      g_array_append_val (quoted, was_quoted);

      if (i >= length)
        break;
      i++;   /* the comma */
    }
  return TRUE;
}

static int
find_column (GPtrArray          *header,
             const char * const *names)
{
  for (guint n = 0; names[n]; n++)
    for (guint i = 0; i < header->len; i++)
      if (g_ascii_strcasecmp (g_ptr_array_index (header, i), names[n]) == 0)
        return (int) i;
  return -1;
}

/* Accepts YYYY-MM-DD and YYYYMMDD, optionally followed by a time ("1994-05-04 23:00:00"). */
static gboolean
parse_row_date (const char *text,
                CcDate     *date)
{
  char buf[11];
  gsize len = strlen (text);
  gsize date_len = len;

  for (gsize i = 0; i < len; i++)
    if (text[i] == ' ' || text[i] == 'T')
      {
        date_len = i;
        break;
      }
  if (date_len != 8 && date_len != 10)
    return FALSE;
  memcpy (buf, text, date_len);
  buf[date_len] = '\0';
  return cc_date_parse (buf, TRUE, date);
}

static gboolean
is_missing_value (const char *text)
{
  return *text == '\0' || g_ascii_strcasecmp (text, "null") == 0 ||
         g_ascii_strcasecmp (text, "nan") == 0 || g_ascii_strcasecmp (text, "n/a") == 0 ||
         g_str_equal (text, "-");
}

/* "5,124.10" -> 5124.1. Thousands separators are accepted only in groups of three digits, so
 * a field holding two numbers ("1,2") is still an error. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autoptr(GString) clean = NULL;
  const char *comma = strchr (text, ',');

  if (comma == NULL)
    return cc_data_parse_double (text, value);

  clean = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == ',')
        {
          const char *q = p + 1;
          int digits = 0;

          while (g_ascii_isdigit (q[digits]))
            digits++;
          if (digits != 3 || clean->len == 0 || !g_ascii_isdigit (p[-1]))
            return FALSE;
          continue;
        }
      g_string_append_c (clean, *p);
    }
  return cc_data_parse_double (clean->str, value);
}

static const char *
weekday_name (CcDate date)
{
  return cc_date_get_weekday (date) == 6 ? _("a Saturday") : _("a Sunday");
}

static Group *
get_group (GPtrArray  *groups,
           GHashTable *by_symbol,
           const char *symbol)
{
  Group *group = g_hash_table_lookup (by_symbol, symbol);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->symbol = g_strdup (symbol);
      group->rows = g_array_new (FALSE, FALSE, sizeof (Row));
      g_ptr_array_add (groups, group);
      g_hash_table_insert (by_symbol, group->symbol, group);
    }
  return group;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *ra = a, *rb = b;

  if (ra->date != rb->date)
    return ra->date < rb->date ? -1 : 1;
  /* The same date twice: keep file order so the first row wins. */
  return ra->line < rb->line ? -1 : (ra->line > rb->line);
}

GPtrArray *
cc_csv_parse (const char  *data,
              gsize        length,
              const char  *source_name,
              const char  *default_symbol,
              GPtrArray  **notes,
              GError     **error)
{
  static const char * const date_names[] = { "date", "datetime", "timestamp", "time", "day",
                                             "<date>", NULL };
  static const char * const close_names[] = { "close", "<close>", "price", "close/last",
                                              "adj close", "adjclose", "adj_close", "value",
                                              NULL };
  static const char * const symbol_names[] = { "symbol", "ticker", "<ticker>", NULL };
  static const char * const provenance_names[] = { "provenance", NULL };
  static const char * const flags_names[] = { "flags", NULL };
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_symbol = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) local_notes = g_ptr_array_new_with_free_func (g_free);
  int date_col = -1, close_col = -1, symbol_col = -1, provenance_col = -1, flags_col = -1;
  int needed = 0;
  gboolean have_header = FALSE;
  guint line_no = 0;
  guint n_notes = 0;
  gsize pos = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (default_symbol != NULL && *default_symbol, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data + pos, length - pos, NULL))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                   _("%s is not a text file"), source_name);
      return NULL;
    }

  while (pos < length)
    {
      const char *line = data + pos;
      const char *nl = memchr (line, '\n', length - pos);
      gsize line_len = nl ? (gsize) (nl - line) : length - pos;
      gsize trimmed_len = line_len;
      const char *date_text, *close_text;
      Row row = { 0, };
      Group *group;

      pos += line_len + (nl ? 1 : 0);
      line_no++;

      while (trimmed_len > 0 && (line[trimmed_len - 1] == '\r' ||
                                 g_ascii_isspace (line[trimmed_len - 1])))
        trimmed_len--;
      {
        gsize lead = 0;

        while (lead < trimmed_len && g_ascii_isspace (line[lead]))
          lead++;
        if (lead == trimmed_len || line[lead] == '#')
          continue;   /* blank lines and comments */
      }

      if (!split_line (line, trimmed_len, fields, quoted))
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                       _("%s, line %u: a quoted field is not closed"), source_name, line_no);
          return NULL;
        }

      if (!have_header)
        {
          CcDate probe;

          have_header = TRUE;
          date_col = find_column (fields, date_names);
          close_col = find_column (fields, close_names);
          symbol_col = find_column (fields, symbol_names);
          provenance_col = find_column (fields, provenance_names);
          flags_col = find_column (fields, flags_names);

          if (date_col < 0 && fields->len == 2 &&
              parse_row_date (g_ptr_array_index (fields, 0), &probe))
            {
              /* No header at all: a bare "date,close" file. Read this line as data. */
              date_col = 0;
              close_col = 1;
            }
          else if (date_col < 0)
            {
              g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                           _("%s, line %u: the header has no Date column"), source_name,
                           line_no);
              return NULL;
            }
          else if (close_col < 0)
            {
              g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                           _("%s, line %u: the header has no Close or Price column"),
                           source_name, line_no);
              return NULL;
            }
          else
            {
              needed = MAX (date_col, close_col) + 1;
              continue;
            }
          needed = 2;
        }

      if ((int) fields->len < needed)
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                       _("%s, line %u: expected at least %d fields, found %u"), source_name,
                       line_no, needed, fields->len);
          return NULL;
        }

      date_text = g_ptr_array_index (fields, date_col);
      close_text = g_ptr_array_index (fields, close_col);
      row.line = line_no;
      row.provenance = CC_PROVENANCE_OBSERVED;
      row.flags = CC_POINT_FLAG_NONE;

      if (!parse_row_date (date_text, &row.date))
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                       _("%s, line %u: “%s” is not a date (expected YYYY-MM-DD or YYYYMMDD)"),
                       source_name, line_no, date_text);
          return NULL;
        }
      if (is_missing_value (close_text))
        {
          g_autofree char *iso = cc_date_to_iso (row.date);

          add_note (local_notes, &n_notes,
                    g_strdup_printf (_("%s, line %u: no close for %s; row skipped"),
                                     source_name, line_no, iso));
          continue;
        }
      if (!parse_number (close_text, &row.close))
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                       _("%s, line %u: the close “%s” is not a number"), source_name, line_no,
                       close_text);
          return NULL;
        }
      if (row.close <= 0)
        {
          g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                       _("%s, line %u: the close “%s” is not a positive price"), source_name,
                       line_no, close_text);
          return NULL;
        }
      if (provenance_col >= 0 && provenance_col < (int) fields->len &&
          *(char *) g_ptr_array_index (fields, provenance_col) != '\0')
        {
          CcProvenance provenance;

          if (!cc_provenance_from_string (g_ptr_array_index (fields, provenance_col),
                                          &provenance))
            {
              g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                           _("%s, line %u: unknown provenance “%s”"), source_name, line_no,
                           (char *) g_ptr_array_index (fields, provenance_col));
              return NULL;
            }
          row.provenance = provenance;
        }
      if (flags_col >= 0 && flags_col < (int) fields->len &&
          strstr (g_ptr_array_index (fields, flags_col), "unfinished") != NULL)
        row.flags |= CC_POINT_FLAG_UNFINISHED;
      if (flags_col >= 0 && flags_col < (int) fields->len &&
          strstr (g_ptr_array_index (fields, flags_col), "non-trading-day") != NULL)
        row.flags |= CC_POINT_FLAG_NON_TRADING_DAY;

      if (cc_date_get_weekday (row.date) >= 6)
        {
          g_autofree char *iso = cc_date_to_iso (row.date);

          add_note (local_notes, &n_notes,
                    g_strdup_printf (_("%s, line %u: %s is %s, when no exchange trades; "
                                       "row skipped"), source_name, line_no, iso,
                                     weekday_name (row.date)));
          continue;
        }
      if (cc_date_get_year (row.date) >= CC_CALENDAR_FIRST_YEAR &&
          cc_date_get_year (row.date) <= CC_CALENDAR_LAST_YEAR &&
          cc_calendar_is_holiday (row.date))
        {
          g_autofree char *iso = cc_date_to_iso (row.date);

          add_note (local_notes, &n_notes,
                    g_strdup_printf (_("%s, line %u: %s is an NYSE holiday; the row is kept "
                                       "but may be interpolated"), source_name, line_no, iso));
          row.flags |= CC_POINT_FLAG_NON_TRADING_DAY;
        }

      if (symbol_col >= 0 && symbol_col < (int) fields->len &&
          *(char *) g_ptr_array_index (fields, symbol_col) != '\0')
        group = get_group (groups, by_symbol, g_ptr_array_index (fields, symbol_col));
      else
        group = get_group (groups, by_symbol, default_symbol);
      g_array_append_val (group->rows, row);
    }

  if (groups->len == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                   _("%s holds no prices"), source_name);
      return NULL;
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);
      CcSeries *series = cc_series_new (group->symbol, CC_LEVEL_PRICE);

      cc_series_set_origin (series, CC_ORIGIN_IMPORTED);
      cc_series_set_source (series, source_name);
      g_array_sort (group->rows, compare_rows);
      for (guint i = 0; i < group->rows->len; i++)
        {
          const Row *row = &g_array_index (group->rows, Row, i);

          if (!cc_series_append (series, row->date, row->close, row->provenance, row->flags))
            {
              g_autofree char *iso = cc_date_to_iso (row->date);

              add_note (local_notes, &n_notes,
                        g_strdup_printf (_("%s, line %u: %s appears more than once; only the "
                                           "first row is kept"), source_name, row->line, iso));
            }
        }
      g_ptr_array_add (result, series);
    }

  if (n_notes > MAX_NOTES)
    g_ptr_array_add (local_notes,
                     g_strdup_printf (ngettext ("%s: %u more note not shown",
                                                "%s: %u more notes not shown",
                                                n_notes - MAX_NOTES),
                                      source_name, n_notes - MAX_NOTES));
  if (notes != NULL)
    *notes = g_steal_pointer (&local_notes);

  return g_steal_pointer (&result);
}

char *
cc_csv_guess_symbol (const char *basename)
{
  g_autofree char *stem = NULL;
  char *cut;

  g_return_val_if_fail (basename != NULL, NULL);

  stem = g_strdup (basename);
  if ((cut = strchr (stem, '_')) != NULL)
    *cut = '\0';
  if (g_str_has_suffix (stem, ".csv") || g_str_has_suffix (stem, ".CSV") ||
      g_str_has_suffix (stem, ".txt"))
    stem[strlen (stem) - 4] = '\0';
  /* Stooq names US listings "nvda.us". */
  if (g_str_has_suffix (stem, ".us") || g_str_has_suffix (stem, ".US"))
    stem[strlen (stem) - 3] = '\0';
  g_strstrip (stem);
  if (*stem == '\0')
    return g_strdup (basename);
  return g_ascii_strup (stem, -1);
}

GPtrArray *
cc_csv_import_file (GFile         *file,
                    GCancellable  *cancellable,
                    GPtrArray    **notes,
                    GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *symbol = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  basename = g_file_get_basename (file);
  symbol = cc_csv_guess_symbol (basename);
  return cc_csv_parse (contents, length, basename, symbol, notes, error);
}

static void
append_csv_field (GString    *out,
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
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
cc_csv_export (GPtrArray *series,
               CcDate     from,
               CcDate     to,
               gsize     *length)
{
  GString *out = g_string_new ("Date,Symbol,Close,Provenance,Flags,Source\n");

  g_return_val_if_fail (series != NULL, NULL);

  for (guint s = 0; s < series->len; s++)
    {
      CcSeries *item = g_ptr_array_index (series, s);
      g_autoptr(GString) source = g_string_new (cc_series_get_source (item));
      const CcPoint *points;
      guint n;

      if (cc_series_get_fetched_at (item) > 0)
        {
          g_autoptr(GDateTime) when =
            g_date_time_new_from_unix_utc (cc_series_get_fetched_at (item));
          g_autofree char *iso = when ? g_date_time_format_iso8601 (when) : NULL;

          if (iso != NULL)
            g_string_append_printf (source, source->len ? " %s" : "%s", iso);
        }

      points = cc_series_get_points (item, &n);
      for (guint i = 0; i < n; i++)
        {
          char date[11];
          char close[G_ASCII_DTOSTR_BUF_SIZE];

          if ((from != CC_DATE_INVALID && points[i].date < from) ||
              (to != CC_DATE_INVALID && points[i].date > to))
            continue;
          cc_date_format_iso (points[i].date, date);
          cc_data_format_double (points[i].close, close);
          g_string_append_printf (out, "%s,", date);
          append_csv_field (out, cc_series_get_symbol (item));
          g_string_append_printf (out, ",%s,%s,%s%s%s,", close,
                                  cc_provenance_to_string (points[i].provenance),
                                  (points[i].flags & CC_POINT_FLAG_UNFINISHED) ? "unfinished"
                                                                                : "",
                                  (points[i].flags & CC_POINT_FLAG_UNFINISHED) &&
                                  (points[i].flags & CC_POINT_FLAG_NON_TRADING_DAY) ? " " : "",
                                  (points[i].flags & CC_POINT_FLAG_NON_TRADING_DAY) ?
                                  "non-trading-day" : "");
          append_csv_field (out, source->str);
          g_string_append_c (out, '\n');
        }
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
cc_csv_export_file (GPtrArray     *series,
                    CcDate         from,
                    CcDate         to,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = cc_csv_export (series, from, to, &length);
  /* Whole or not at all, new files included (g_file_replace() writes a new file in place). */
  return cc_save_contents (file, text, length, CC_SAVE_MODE_DEFAULT, cancellable, error);
}
