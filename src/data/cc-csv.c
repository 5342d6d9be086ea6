/* cc-csv.c: price CSV import and export. */
#define G_LOG_DOMAIN "cc-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-csv.h"
#include "cc-csv-reader.h"
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
  char        *symbol;
  GArray      *rows;   /* Row */
  CcLevelKind  level_kind;
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

static gboolean
name_is_one_of (const char         *name,
                const char * const *names)
{
  for (guint n = 0; names[n]; n++)
    if (g_ascii_strcasecmp (name, names[n]) == 0)
      return TRUE;
  return FALSE;
}

/* The first header field named like one of @names, trying the names in order. */
static int
find_column (CcCsvReader        *reader,
             const char * const *names)
{
  guint n_fields = cc_csv_reader_get_n_fields (reader);

  for (guint n = 0; names[n]; n++)
    for (guint i = 0; i < n_fields; i++)
      if (g_ascii_strcasecmp (cc_csv_reader_get_field (reader, i), names[n]) == 0)
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

const char *
cc_csv_layout_to_string (CcCsvLayout layout)
{
  switch (layout)
    {
    case CC_CSV_LAYOUT_SINGLE:
      return "single";
    case CC_CSV_LAYOUT_HEADERLESS:
      return "headerless";
    case CC_CSV_LAYOUT_YAHOO:
      return "yahoo";
    case CC_CSV_LAYOUT_STOOQ:
      return "stooq";
    case CC_CSV_LAYOUT_LONG:
      return "long";
    case CC_CSV_LAYOUT_WIDE:
      return "wide";
    default:
      return "unknown";
    }
}

/* Where the data is in the columns of a file, decided from its first record. */
typedef struct {
  CcCsvLayout layout;
  int         date_col;
  int         close_col;
  int         symbol_col;
  int         provenance_col;
  int         flags_col;
  guint       needed;        /* fields a data row must have at least */
  guint       n_columns;     /* wide: the header's fields, which every row must have */
  GPtrArray  *wide_symbols;  /* wide: the symbol of each column (NULL for the date column) */
  /* A chart view's export (cc-chart-csv.h): "KEY close" or "KEY level" columns are read,
   * with their "KEY provenance"; the plotted values ("KEY %", "KEY index", "KEY price") are
   * derived from them and skipped. */
  gboolean    view;
  GArray     *wide_provenance; /* int per column: its provenance column, or -1 */
  GArray     *wide_level;      /* gboolean per column: "KEY level", an index level */
} Columns;

static void
columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->wide_symbols, g_ptr_array_unref);
  g_clear_pointer (&columns->wide_provenance, g_array_unref);
  g_clear_pointer (&columns->wide_level, g_array_unref);
}

static char *normalize_ticker (const char *text);

/* Splits a view column's header "KEY kind" at its last space; NULL when it has none. */
static char *
view_column_kind (const char  *name,
                  const char **kind)
{
  const char *space = strrchr (name, ' ');

  if (space == NULL || space == name)
    return NULL;
  *kind = space + 1;
  return g_strndup (name, space - name);
}

/* A chart view's header: every column but the date is "KEY %", "KEY pts", "KEY index",
 * "KEY price", "KEY close", "KEY level", "KEY provenance", or for a ratio or spread "KEY first"
 * and "KEY second" (its two sides), and there is at least one provenance. */
static gboolean
is_view_header (CcCsvReader *reader,
                int          date_col)
{
  static const char * const kinds[] = { "%", "pts", "index", "price", "close", "level",
                                        "provenance", "first", "second", NULL };
  guint n_fields = cc_csv_reader_get_n_fields (reader);
  gboolean any_provenance = FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *kind = NULL;
      g_autofree char *key = NULL;

      if ((int) i == date_col)
        continue;
      key = view_column_kind (cc_csv_reader_get_field (reader, i), &kind);
      if (key == NULL || !name_is_one_of (kind, kinds))
        return FALSE;
      any_provenance |= g_ascii_strcasecmp (kind, "provenance") == 0;
    }
  return any_provenance;
}

/* The view's columns: a symbol for each close or level column, and its provenance column. */
static gboolean
detect_view_columns (CcCsvReader  *reader,
                     Columns      *columns,
                     GError      **error)
{
  guint n_fields = cc_csv_reader_get_n_fields (reader);

  columns->view = TRUE;
  columns->wide_provenance = g_array_new (FALSE, FALSE, sizeof (int));
  columns->wide_level = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (guint i = 0; i < n_fields; i++)
    {
      const char *kind = NULL;
      g_autofree char *key = NULL;
      g_autofree char *ticker = NULL;
      g_autofree char *column = g_strdup_printf ("%u", i + 1);
      gboolean level = FALSE;
      int provenance = -1;

      if ((int) i != columns->date_col)
        key = view_column_kind (cc_csv_reader_get_field (reader, i), &kind);
      if (key != NULL && (g_ascii_strcasecmp (kind, "close") == 0 ||
                          (level = g_ascii_strcasecmp (kind, "level") == 0)))
        {
          ticker = normalize_ticker (key);
          if (ticker == NULL)
            {
              cc_csv_reader_set_error (reader, error, column,
                                       _("“%s” is not a ticker symbol (up to 15 letters, "
                                         "digits, “.”, “-”, “^” or “=”)"), key);
              return FALSE;
            }
          for (guint j = 0; j < n_fields; j++)
            {
              const char *other_kind = NULL;
              g_autofree char *other = view_column_kind (cc_csv_reader_get_field (reader, j),
                                                         &other_kind);

              if (other != NULL && g_str_equal (other, key) &&
                  g_ascii_strcasecmp (other_kind, "provenance") == 0)
                provenance = (int) j;
            }
          for (guint j = 0; j < columns->wide_symbols->len; j++)
            if (g_strcmp0 (g_ptr_array_index (columns->wide_symbols, j), ticker) == 0)
              {
                cc_csv_reader_set_error (reader, error, column, _("%s appears in two columns"),
                                         ticker);
                return FALSE;
              }
        }
      g_ptr_array_add (columns->wide_symbols, g_steal_pointer (&ticker));
      g_array_append_val (columns->wide_provenance, provenance);
      g_array_append_val (columns->wide_level, level);
    }
  return TRUE;
}

/* Upper-cases @text into a ticker, or NULL when it is not one. */
static char *
normalize_ticker (const char *text)
{
  g_autofree char *upper = g_ascii_strup (text, -1);

  if (!cc_ticker_is_valid (upper))
    return NULL;
  return g_steal_pointer (&upper);
}

/* The one layout detector: reads the first record of @reader (a header, or the first row of
 * a headerless date,close file) into @columns. *@first_is_data tells whether that record
 * holds data. */
static gboolean
detect_layout (CcCsvReader  *reader,
               Columns      *columns,
               gboolean     *first_is_data,
               GError      **error)
{
  static const char * const date_names[] = { "date", "datetime", "timestamp", "time", "day",
                                             "<date>", "datum", NULL };
  static const char * const close_names[] = { "close", "<close>", "price", "close/last",
                                              "adj close", "adjclose", "adj_close", "value",
                                              NULL };
  static const char * const symbol_names[] = { "symbol", "ticker", "<ticker>", NULL };
  static const char * const provenance_names[] = { "provenance", NULL };
  static const char * const flags_names[] = { "flags", NULL };
  /* Columns of price files that are not closes: a header with one of these and no close
   * column is a price file without closes, not a wide file of symbols. */
  static const char * const other_names[] = { "open", "high", "low", "volume", "vol",
                                              "<open>", "<high>", "<low>", "<vol>",
                                              "<openint>", "<per>", "<time>", "openint",
                                              "dividends", "stock splits", "change",
                                              "change %", "adj open", "adj high", "adj low",
                                              "adj volume", "level", NULL };
  static const char * const adj_names[] = { "adj close", "adjclose", "adj_close", NULL };
  guint n_fields = cc_csv_reader_get_n_fields (reader);
  CcDate probe;

  *first_is_data = FALSE;
  columns->date_col = find_column (reader, date_names);
  columns->close_col = find_column (reader, close_names);
  columns->symbol_col = find_column (reader, symbol_names);
  columns->provenance_col = find_column (reader, provenance_names);
  columns->flags_col = find_column (reader, flags_names);

  if (columns->date_col < 0)
    {
      if (n_fields == 2 && parse_row_date (cc_csv_reader_get_field (reader, 0), &probe))
        {
          /* No header at all: a bare "date,close" file. The record is data. */
          columns->layout = CC_CSV_LAYOUT_HEADERLESS;
          columns->date_col = 0;
          columns->close_col = 1;
          columns->symbol_col = columns->provenance_col = columns->flags_col = -1;
          columns->needed = 2;
          *first_is_data = TRUE;
          return TRUE;
        }
      cc_csv_reader_set_error (reader, error, NULL, _("the header has no Date column"));
      return FALSE;
    }

  if (columns->close_col >= 0)
    {
      gboolean has_adj = FALSE, has_ohl = FALSE;

      for (guint i = 0; i < n_fields; i++)
        {
          const char *name = cc_csv_reader_get_field (reader, i);

          has_adj |= name_is_one_of (name, adj_names);
          has_ohl |= name_is_one_of (name, other_names);
        }
      if (columns->symbol_col >= 0)
        columns->layout = CC_CSV_LAYOUT_LONG;
      else if (has_adj && columns->close_col != find_column (reader, adj_names))
        columns->layout = CC_CSV_LAYOUT_YAHOO;
      else if (has_ohl)
        columns->layout = CC_CSV_LAYOUT_STOOQ;
      else
        columns->layout = CC_CSV_LAYOUT_SINGLE;
      columns->needed = MAX (columns->date_col, columns->close_col) + 1;
      return TRUE;
    }

  /* No close column: date,SYM1,SYM2,… */
  for (guint i = 0; i < n_fields; i++)
    if ((int) i != columns->date_col &&
        name_is_one_of (cc_csv_reader_get_field (reader, i), other_names))
      {
        cc_csv_reader_set_error (reader, error, NULL,
                                 _("the header has no Close or Price column"));
        return FALSE;
      }
  if (columns->symbol_col >= 0 || n_fields < 2)
    {
      cc_csv_reader_set_error (reader, error, NULL,
                               _("the header has no Close or Price column"));
      return FALSE;
    }

  columns->layout = CC_CSV_LAYOUT_WIDE;
  columns->n_columns = n_fields;
  columns->needed = n_fields;
  columns->wide_symbols = g_ptr_array_new_with_free_func (g_free);
  if (is_view_header (reader, columns->date_col))
    return detect_view_columns (reader, columns, error);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = cc_csv_reader_get_field (reader, i);
      g_autofree char *ticker = NULL;
      g_autofree char *column = g_strdup_printf ("%u", i + 1);

      if ((int) i == columns->date_col)
        {
          g_ptr_array_add (columns->wide_symbols, NULL);
          continue;
        }
      if (*name == '\0')
        {
          cc_csv_reader_set_error (reader, error, column, _("the column has no symbol name"));
          return FALSE;
        }
      ticker = normalize_ticker (name);
      if (ticker == NULL)
        {
          cc_csv_reader_set_error (reader, error, column,
                                   _("“%s” is not a ticker symbol (up to 15 letters, digits, "
                                     "“.”, “-”, “^” or “=”)"), name);
          return FALSE;
        }
      for (guint j = 0; j < columns->wide_symbols->len; j++)
        if (g_strcmp0 (g_ptr_array_index (columns->wide_symbols, j), ticker) == 0)
          {
            cc_csv_reader_set_error (reader, error, column, _("%s appears in two columns"),
                                     ticker);
            return FALSE;
          }
      g_ptr_array_add (columns->wide_symbols, g_steal_pointer (&ticker));
    }
  return TRUE;
}

/* The name of column @index for messages: its header, or its number. */
static const char *
column_name (GPtrArray *header,
             int        index,
             char       buf[16])
{
  if (header != NULL && index >= 0 && (guint) index < header->len &&
      *(char *) g_ptr_array_index (header, index) != '\0')
    return g_ptr_array_index (header, index);
  g_snprintf (buf, 16, "%d", index + 1);
  return buf;
}

GPtrArray *
cc_csv_read (const char   *data,
             gsize         length,
             const char   *source_name,
             const char   *default_symbol,
             CcCsvLayout  *layout,
             GPtrArray   **notes,
             GError      **error)
{
  g_autoptr(CcCsvReader) reader = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_symbol = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) local_notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) wide_groups = NULL;   /* Group per column, NULL for the date */
  g_autoptr(GError) local_error = NULL;
  Columns columns = { 0, };
  gboolean have_first = FALSE, first_is_data = FALSE;
  guint n_notes = 0;
  char buf[16];

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (default_symbol != NULL && *default_symbol, NULL);

  reader = cc_csv_reader_new (data, length, source_name, error);
  if (reader == NULL)
    return NULL;

  while (first_is_data || cc_csv_reader_next (reader, &local_error))
    {
      guint line_no = cc_csv_reader_get_line (reader);
      guint n_fields = cc_csv_reader_get_n_fields (reader);
      const char *date_text;
      CcDate date;
      guint8 row_flags = CC_POINT_FLAG_NONE;

      if (!have_first)
        {
          have_first = TRUE;
          if (!detect_layout (reader, &columns, &first_is_data, error))
            {
              columns_clear (&columns);
              return NULL;
            }
          if (columns.layout != CC_CSV_LAYOUT_HEADERLESS)
            {
              header = g_ptr_array_new_with_free_func (g_free);
              for (guint i = 0; i < n_fields; i++)
                g_ptr_array_add (header, g_strdup (cc_csv_reader_get_field (reader, i)));
            }
          if (columns.layout == CC_CSV_LAYOUT_WIDE)
            {
              wide_groups = g_ptr_array_new ();
              for (guint i = 0; i < columns.n_columns; i++)
                {
                  const char *symbol = g_ptr_array_index (columns.wide_symbols, i);

                  Group *group = symbol ? get_group (groups, by_symbol, symbol) : NULL;

                  if (group != NULL && columns.view &&
                      g_array_index (columns.wide_level, gboolean, i))
                    group->level_kind = CC_LEVEL_INDEX;
                  g_ptr_array_add (wide_groups, group);
                }
            }
          if (!first_is_data)
            continue;
        }
      first_is_data = FALSE;

      if (n_fields < columns.needed ||
          (columns.layout == CC_CSV_LAYOUT_WIDE && n_fields != columns.n_columns))
        {
          if (columns.layout == CC_CSV_LAYOUT_WIDE)
            cc_csv_reader_set_error (reader, error, NULL,
                                     _("%u fields, but the header has %u"), n_fields,
                                     columns.n_columns);
          else
            cc_csv_reader_set_error (reader, error, NULL,
                                     _("expected at least %u fields, found %u"),
                                     columns.needed, n_fields);
          columns_clear (&columns);
          return NULL;
        }

      date_text = cc_csv_reader_get_field (reader, columns.date_col);
      if (!parse_row_date (date_text, &date))
        {
          cc_csv_reader_set_error (reader, error,
                                   column_name (header, columns.date_col, buf),
                                   _("“%s” is not a date (expected YYYY-MM-DD or YYYYMMDD)"),
                                   date_text);
          columns_clear (&columns);
          return NULL;
        }
      if (cc_date_get_weekday (date) >= 6)
        {
          g_autofree char *iso = cc_date_to_iso (date);

          add_note (local_notes, &n_notes,
                    g_strdup_printf (_("%s, line %u: %s is %s, when no exchange trades; "
                                       "row skipped"), source_name, line_no, iso,
                                     weekday_name (date)));
          continue;
        }

      if (columns.layout == CC_CSV_LAYOUT_WIDE)
        {
          gboolean any = FALSE;

          for (guint c = 0; c < columns.n_columns; c++)
            {
              Group *group = g_ptr_array_index (wide_groups, c);
              const char *cell = cc_csv_reader_get_field (reader, c);
              Row row = { date, 0, line_no, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE };

              /* Empty cells are gaps: the symbols of a wide file need not share dates. */
              if (group == NULL || is_missing_value (cell))
                continue;
              if (!cc_csv_reader_parse_number (reader, cell, &row.close))
                {
                  cc_csv_reader_set_error (reader, error, column_name (header, (int) c, buf),
                                           _("“%s” is not a number"), cell);
                  columns_clear (&columns);
                  return NULL;
                }
              if (row.close <= 0)
                {
                  cc_csv_reader_set_error (reader, error, column_name (header, (int) c, buf),
                                           _("“%s” is not a positive price"), cell);
                  columns_clear (&columns);
                  return NULL;
                }
              if (columns.view && g_array_index (columns.wide_provenance, int, c) >= 0)
                {
                  int pc = g_array_index (columns.wide_provenance, int, c);
                  const char *text = cc_csv_reader_get_field (reader, pc);
                  g_auto(GStrv) words = g_strsplit (text, " ", -1);
                  CcProvenance provenance;

                  /* "reconstructed", or "observed unfinished": the flags follow. */
                  if (*text != '\0' && !cc_provenance_from_string (words[0], &provenance))
                    {
                      cc_csv_reader_set_error (reader, error, column_name (header, pc, buf),
                                               _("unknown provenance “%s”"), text);
                      columns_clear (&columns);
                      return NULL;
                    }
                  if (*text != '\0')
                    row.provenance = provenance;
                  for (guint w = 1; words[w] != NULL; w++)
                    if (g_str_equal (words[w], "unfinished"))
                      row.flags |= CC_POINT_FLAG_UNFINISHED;
                    else if (g_str_equal (words[w], "non-trading-day"))
                      row.flags |= CC_POINT_FLAG_NON_TRADING_DAY;
                }
              g_array_append_val (group->rows, row);
              any = TRUE;
            }
          if (any && cc_date_get_year (date) >= CC_CALENDAR_FIRST_YEAR &&
              cc_date_get_year (date) <= CC_CALENDAR_LAST_YEAR && cc_calendar_is_holiday (date))
            {
              g_autofree char *iso = cc_date_to_iso (date);

              add_note (local_notes, &n_notes,
                        g_strdup_printf (_("%s, line %u: %s is an NYSE holiday; the row is "
                                           "kept but may be interpolated"), source_name,
                                         line_no, iso));
              for (guint c = 0; c < columns.n_columns; c++)
                {
                  Group *group = g_ptr_array_index (wide_groups, c);

                  if (group != NULL && group->rows->len > 0 &&
                      g_array_index (group->rows, Row, group->rows->len - 1).line == line_no)
                    g_array_index (group->rows, Row, group->rows->len - 1).flags |=
                      CC_POINT_FLAG_NON_TRADING_DAY;
                }
            }
          continue;
        }

      {
        const char *close_text = cc_csv_reader_get_field (reader, columns.close_col);
        Row row = { date, 0, line_no, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE };
        Group *group;

        if (is_missing_value (close_text))
          {
            g_autofree char *iso = cc_date_to_iso (date);

            add_note (local_notes, &n_notes,
                      g_strdup_printf (_("%s, line %u: no close for %s; row skipped"),
                                       source_name, line_no, iso));
            continue;
          }
        if (!cc_csv_reader_parse_number (reader, close_text, &row.close))
          {
            cc_csv_reader_set_error (reader, error,
                                     column_name (header, columns.close_col, buf),
                                     _("the close “%s” is not a number"), close_text);
            columns_clear (&columns);
            return NULL;
          }
        if (row.close <= 0)
          {
            cc_csv_reader_set_error (reader, error,
                                     column_name (header, columns.close_col, buf),
                                     _("the close “%s” is not a positive price"), close_text);
            columns_clear (&columns);
            return NULL;
          }
        if (columns.provenance_col >= 0 &&
            *cc_csv_reader_get_field (reader, columns.provenance_col) != '\0')
          {
            const char *text = cc_csv_reader_get_field (reader, columns.provenance_col);
            CcProvenance provenance;

            if (!cc_provenance_from_string (text, &provenance))
              {
                cc_csv_reader_set_error (reader, error,
                                         column_name (header, columns.provenance_col, buf),
                                         _("unknown provenance “%s”"), text);
                columns_clear (&columns);
                return NULL;
              }
            row.provenance = provenance;
          }
        if (columns.flags_col >= 0)
          {
            const char *text = cc_csv_reader_get_field (reader, columns.flags_col);

            if (strstr (text, "unfinished") != NULL)
              row_flags |= CC_POINT_FLAG_UNFINISHED;
            if (strstr (text, "non-trading-day") != NULL)
              row_flags |= CC_POINT_FLAG_NON_TRADING_DAY;
          }
        if (cc_date_get_year (date) >= CC_CALENDAR_FIRST_YEAR &&
            cc_date_get_year (date) <= CC_CALENDAR_LAST_YEAR && cc_calendar_is_holiday (date))
          {
            g_autofree char *iso = cc_date_to_iso (date);

            add_note (local_notes, &n_notes,
                      g_strdup_printf (_("%s, line %u: %s is an NYSE holiday; the row is kept "
                                         "but may be interpolated"), source_name, line_no,
                                       iso));
            row_flags |= CC_POINT_FLAG_NON_TRADING_DAY;
          }
        row.flags = row_flags;

        if (columns.symbol_col >= 0 &&
            *cc_csv_reader_get_field (reader, columns.symbol_col) != '\0')
          {
            const char *text = cc_csv_reader_get_field (reader, columns.symbol_col);
            g_autofree char *ticker = normalize_ticker (text);

            if (ticker == NULL)
              {
                cc_csv_reader_set_error (reader, error,
                                         column_name (header, columns.symbol_col, buf),
                                         _("“%s” is not a ticker symbol (up to 15 letters, "
                                           "digits, “.”, “-”, “^” or “=”)"), text);
                columns_clear (&columns);
                return NULL;
              }
            group = get_group (groups, by_symbol, ticker);
          }
        else
          group = get_group (groups, by_symbol, default_symbol);
        g_array_append_val (group->rows, row);
      }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      columns_clear (&columns);
      return NULL;
    }
  columns_clear (&columns);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);
      CcSeries *series;

      if (group->rows->len == 0)
        continue;   /* a wide column with no values */
      series = cc_series_new (group->symbol, group->level_kind);
      cc_series_set_origin (series, CC_ORIGIN_IMPORTED);
      cc_series_set_source (series, source_name);
      cc_series_reserve (series, group->rows->len);
      g_array_sort (group->rows, compare_rows);
      for (guint i = 0; i < group->rows->len; i++)
        {
          const Row *row = &g_array_index (group->rows, Row, i);

          if (!cc_series_append (series, row->date, row->close, row->provenance, row->flags))
            {
              g_autofree char *iso = cc_date_to_iso (row->date);

              add_note (local_notes, &n_notes,
                        g_strdup_printf (_("%s, line %u: %s appears more than once for %s; "
                                           "only the first row is kept"), source_name,
                                         row->line, iso, group->symbol));
            }
        }
      g_ptr_array_add (result, series);
    }

  if (result->len == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                   _("%s holds no prices"), source_name);
      return NULL;
    }

  if (n_notes > MAX_NOTES)
    g_ptr_array_add (local_notes,
                     g_strdup_printf (ngettext ("%s: %u more note not shown",
                                                "%s: %u more notes not shown",
                                                n_notes - MAX_NOTES),
                                      source_name, n_notes - MAX_NOTES));
  if (notes != NULL)
    *notes = g_steal_pointer (&local_notes);
  if (layout != NULL)
    *layout = columns.layout;

  return g_steal_pointer (&result);
}

GPtrArray *
cc_csv_parse (const char  *data,
              gsize        length,
              const char  *source_name,
              const char  *default_symbol,
              GPtrArray  **notes,
              GError     **error)
{
  return cc_csv_read (data, length, source_name, default_symbol, NULL, notes, error);
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
      g_str_has_suffix (stem, ".txt") || g_str_has_suffix (stem, ".tsv"))
    stem[strlen (stem) - 4] = '\0';
  /* Stooq names US listings "nvda.us". */
  if (g_str_has_suffix (stem, ".us") || g_str_has_suffix (stem, ".US"))
    stem[strlen (stem) - 3] = '\0';
  g_strstrip (stem);
  /* Whatever is left must be a ticker the catalogue accepts. */
  for (char *p = stem; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr (".-^=", *p))
      *p = '-';
  if (strlen (stem) > 15)
    stem[15] = '\0';
  if (*stem == '\0')
    return g_strdup ("IMPORTED");
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
  return cc_csv_read (contents, length, basename, symbol, NULL, notes, error);
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
