/* cc-portfolio-file.c: the portfolios JSON file and the holdings CSV import. */
#define G_LOG_DOMAIN "cc-portfolio-file"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-csv-reader.h"
#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-events-file.h"
#include "cc-portfolio-file.h"
#include "cc-save-stream.h"

#define FORMAT_NAME "chipcycle-portfolios"
#define FORMAT_VERSION 1
#define MAX_NAME_LENGTH 200

/* Reading the JSON file */

static gboolean
name_is_valid (const char *name)
{
  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > MAX_NAME_LENGTH)
    return FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
only_members (JsonObject         *object,
              const char * const *allowed,
              const char        **unknown)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        *unknown = l->data;
        return FALSE;
      }
  return TRUE;
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
  /* Translators: a file name, then what is wrong in it. */
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID, _("%s: %s"), source_name, what);
}

static CcHolding *
read_holding (JsonNode    *node,
              const char  *source_name,
              guint        p,
              guint        h,
              GError     **error)
{
  static const char * const allowed[] = { "ticker", "amount", "cost", "date", NULL };
  g_autoptr(CcHolding) holding = NULL;
  JsonObject *object;
  const char *ticker, *date_text, *unknown;
  double amount, cost = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, source_name, _("portfolio %u, position %u: expected an object"),
                   p + 1, h + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!only_members (object, allowed, &unknown))
    {
      set_invalid (error, source_name, _("portfolio %u, position %u: unknown field “%s”"),
                   p + 1, h + 1, unknown);
      return NULL;
    }
  ticker = _cc_data_get_string (object, "ticker");
  if (ticker == NULL || !cc_ticker_is_valid (ticker))
    {
      set_invalid (error, source_name, _("portfolio %u, position %u: “ticker” must be a ticker"),
                   p + 1, h + 1);
      return NULL;
    }
  if (!_cc_data_get_number (object, "amount", &amount) || !isfinite (amount) || amount <= 0)
    {
      set_invalid (error, source_name,
                   _("portfolio %u, position %u (%s): “amount” must be a number above 0"),
                   p + 1, h + 1, ticker);
      return NULL;
    }
  if (json_object_has_member (object, "cost") &&
      (!_cc_data_get_number (object, "cost", &cost) || !isfinite (cost) || cost <= 0))
    {
      set_invalid (error, source_name,
                   _("portfolio %u, position %u (%s): “cost” must be a number above 0"),
                   p + 1, h + 1, ticker);
      return NULL;
    }
  holding = cc_holding_new (ticker, amount);
  holding->cost = cost;
  if (json_object_has_member (object, "date"))
    {
      date_text = _cc_data_get_string (object, "date");
      if (date_text == NULL || !cc_date_parse_iso (date_text, &holding->date) ||
          cc_date_get_year (holding->date) < CC_CALENDAR_FIRST_YEAR ||
          cc_date_get_year (holding->date) > CC_CALENDAR_LAST_YEAR)
        {
          set_invalid (error, source_name,
                       _("portfolio %u, position %u (%s): “date” must be a date (YYYY-MM-DD) "
                         "in %d–%d"), p + 1, h + 1, ticker, CC_CALENDAR_FIRST_YEAR,
                       CC_CALENDAR_LAST_YEAR);
          return NULL;
        }
    }
  return g_steal_pointer (&holding);
}

static CcPortfolio *
read_portfolio (JsonNode   *node,
                const char *source_name,
                guint       p,
                GError    **error)
{
  static const char * const allowed[] = { "name", "kind", "holdings", NULL };
  g_autoptr(CcPortfolio) portfolio = NULL;
  JsonObject *object;
  JsonNode *holdings;
  JsonArray *array;
  const char *name, *kind_text, *unknown;
  CcHoldingKind kind;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, source_name, _("portfolio %u: expected an object"), p + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!only_members (object, allowed, &unknown))
    {
      set_invalid (error, source_name, _("portfolio %u: unknown field “%s”"), p + 1, unknown);
      return NULL;
    }
  name = _cc_data_get_string (object, "name");
  if (name == NULL || name[0] == '\0' || !name_is_valid (name))
    {
      set_invalid (error, source_name, _("portfolio %u: “name” must be a line of text of up to "
                                         "%d characters"), p + 1, MAX_NAME_LENGTH);
      return NULL;
    }
  kind_text = _cc_data_get_string (object, "kind");
  if (!cc_holding_kind_from_string (kind_text, &kind))
    {
      set_invalid (error, source_name, _("portfolio %u: “kind” must be “shares” or “weights”"),
                   p + 1);
      return NULL;
    }
  holdings = _cc_data_get_member_of_type (object, "holdings", JSON_NODE_ARRAY);
  if (holdings == NULL)
    {
      set_invalid (error, source_name, _("portfolio %u: “holdings” must be a list"), p + 1);
      return NULL;
    }
  portfolio = cc_portfolio_new (name, kind);
  array = json_node_get_array (holdings);
  for (guint h = 0; h < json_array_get_length (array); h++)
    {
      g_autoptr(CcHolding) holding = read_holding (json_array_get_element (array, h),
                                                   source_name, p, h, error);

      if (holding == NULL)
        return NULL;
      if (cc_portfolio_find (portfolio, holding->ticker) >= 0)
        {
          set_invalid (error, source_name, _("portfolio %u, position %u: %s is held twice"),
                       p + 1, h + 1, holding->ticker);
          return NULL;
        }
      cc_portfolio_set_holding (portfolio, holding);
    }
  return g_steal_pointer (&portfolio);
}

GPtrArray *
cc_portfolios_from_json_data (const char  *data,
                              gssize       length,
                              const char  *source_name,
                              GError     **error)
{
  static const char * const allowed[] = { "format", "version", "portfolios", NULL };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) portfolios = NULL;
  JsonObject *object;
  JsonNode *list;
  JsonArray *array;
  const char *unknown;
  double version;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (memchr (data, '\0', (gsize) length) != NULL)
    {
      set_invalid (error, source_name, "%s", _("it is not text"));
      return NULL;
    }
  root = _cc_data_parse_json (data, (gsize) length, &local_error);
  if (root == NULL)
    {
      set_invalid (error, source_name, "%s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, source_name, "%s", _("expected an object"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (g_strcmp0 (_cc_data_get_string (object, "format"), FORMAT_NAME) != 0)
    {
      set_invalid (error, source_name, _("“format” must be “%s”"), FORMAT_NAME);
      return NULL;
    }
  if (!_cc_data_get_number (object, "version", &version) || version != FORMAT_VERSION)
    {
      set_invalid (error, source_name, _("“version” must be %d"), FORMAT_VERSION);
      return NULL;
    }
  if (!only_members (object, allowed, &unknown))
    {
      set_invalid (error, source_name, _("unknown field “%s”"), unknown);
      return NULL;
    }
  list = _cc_data_get_member_of_type (object, "portfolios", JSON_NODE_ARRAY);
  if (list == NULL)
    {
      set_invalid (error, source_name, "%s", _("“portfolios” must be a list"));
      return NULL;
    }
  array = json_node_get_array (list);
  portfolios = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint p = 0; p < json_array_get_length (array); p++)
    {
      CcPortfolio *portfolio = read_portfolio (json_array_get_element (array, p), source_name,
                                               p, error);

      if (portfolio == NULL)
        return NULL;
      for (guint q = 0; q < portfolios->len; q++)
        if (strcmp (cc_portfolio_get_name (g_ptr_array_index (portfolios, q)),
                    cc_portfolio_get_name (portfolio)) == 0)
          {
            set_invalid (error, source_name, _("portfolio %u: the name “%s” is taken by "
                                               "portfolio %u"), p + 1,
                         cc_portfolio_get_name (portfolio), q + 1);
            g_object_unref (portfolio);
            return NULL;
          }
      g_ptr_array_add (portfolios, portfolio);
    }
  return g_steal_pointer (&portfolios);
}

/* Writing */

char *
cc_portfolios_to_json_data (GPtrArray *portfolios,
                            gsize     *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  g_return_val_if_fail (portfolios != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, FORMAT_NAME);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, FORMAT_VERSION);
  json_builder_set_member_name (b, "portfolios");
  json_builder_begin_array (b);
  for (guint p = 0; p < portfolios->len; p++)
    {
      CcPortfolio *portfolio = g_ptr_array_index (portfolios, p);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, cc_portfolio_get_name (portfolio));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b,
                                     cc_holding_kind_to_string (cc_portfolio_get_kind (portfolio)));
      json_builder_set_member_name (b, "holdings");
      json_builder_begin_array (b);
      for (guint h = 0; h < cc_portfolio_get_n_holdings (portfolio); h++)
        {
          const CcHolding *holding = cc_portfolio_get_holding (portfolio, h);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "ticker");
          json_builder_add_string_value (b, holding->ticker);
          json_builder_set_member_name (b, "amount");
          json_builder_add_double_value (b, holding->amount);
          if (holding->cost > 0)
            {
              json_builder_set_member_name (b, "cost");
              json_builder_add_double_value (b, holding->cost);
            }
          if (holding->date != CC_DATE_INVALID)
            {
              char date[11];

              cc_date_format_iso (holding->date, date);
              json_builder_set_member_name (b, "date");
              json_builder_add_string_value (b, date);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, length);
  return text;
}

gboolean
cc_portfolios_save_file (GPtrArray     *portfolios,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (portfolios != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = cc_portfolios_to_json_data (portfolios, &length);
  return cc_save_contents (file, data, length, CC_SAVE_MODE_DEFAULT, cancellable, error);
}

char *
cc_portfolios_get_user_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "chipcycle", "portfolios.json", NULL);
}

GPtrArray *
cc_portfolios_load_user (GFile  *file,
                         char  **problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) aside_error = NULL;
  g_autoptr(GFile) aside = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  GPtrArray *portfolios;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (problem)
    *problem = NULL;
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && problem)
        *problem = g_strdup (error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }
  name = g_file_get_basename (file);
  portfolios = cc_portfolios_from_json_data (data, (gssize) length, name, &error);
  if (portfolios != NULL)
    return portfolios;

  /* Set aside, so that the next save cannot overwrite what the user wrote. */
  aside = cc_events_keep_aside (file, &aside_error);
  if (problem)
    {
      if (aside != NULL)
        {
          g_autofree char *aside_name = g_file_get_basename (aside);

          /* Translators: the first %s says what is wrong with the file, the second is the
           * name of the copy it was moved to. */
          *problem = g_strdup_printf (_("Your saved portfolios could not be read (%s). The file "
                                        "was kept as %s; new changes start an empty list."),
                                      error->message, aside_name);
        }
      else
        *problem = g_strdup_printf (_("Your saved portfolios could not be read (%s), nor set "
                                      "aside (%s)."), error->message, aside_error->message);
    }
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* CSV import */

typedef enum {
  COLUMN_SYMBOL,
  COLUMN_SHARES,
  COLUMN_WEIGHT,
  COLUMN_COST,
  COLUMN_DATE,
  N_COLUMNS
} Column;

static int
column_from_header (const char *field)
{
  static const struct {
    const char *name;
    Column      column;
  } names[] = {
    { "symbol", COLUMN_SYMBOL }, { "ticker", COLUMN_SYMBOL }, { "instrument", COLUMN_SYMBOL },
    { "shares", COLUMN_SHARES }, { "quantity", COLUMN_SHARES }, { "qty", COLUMN_SHARES },
    { "units", COLUMN_SHARES },
    { "weight", COLUMN_WEIGHT }, { "weight %", COLUMN_WEIGHT }, { "weight (%)", COLUMN_WEIGHT },
    { "allocation", COLUMN_WEIGHT }, { "allocation %", COLUMN_WEIGHT },
    { "cost", COLUMN_COST }, { "cost per share", COLUMN_COST }, { "average cost", COLUMN_COST },
    { "avg cost", COLUMN_COST }, { "price paid", COLUMN_COST },
    { "date", COLUMN_DATE }, { "purchase date", COLUMN_DATE }, { "acquired", COLUMN_DATE },
    { "date acquired", COLUMN_DATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (field, names[i].name) == 0)
      return names[i].column;
  return -1;
}

/* A number as the file writes it, without a currency sign before it or a percent sign after. */
static gboolean
parse_amount (CcCsvReader *reader,
              const char  *text,
              double      *value)
{
  g_autofree char *copy = g_strdup (text);
  char *start = copy;
  gsize len;

  if (g_str_has_prefix (start, "$"))
    start += strlen ("$");
  else if (g_str_has_prefix (start, "€"))
    start += strlen ("€");
  else if (g_str_has_prefix (start, "£"))
    start += strlen ("£");
  len = strlen (start);
  if (len > 0 && start[len - 1] == '%')
    start[len - 1] = '\0';
  g_strstrip (start);
  return start[0] != '\0' && cc_csv_reader_parse_number (reader, start, value) &&
         isfinite (*value);
}

static void
add_problem (CcCsvReader *reader,
             GPtrArray   *problems,
             const char  *column,
             const char  *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (CcCsvReader *reader,
             GPtrArray   *problems,
             const char  *column,
             const char  *format,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  cc_csv_reader_set_error (reader, &error, column, "%s", what);
  if (problems)
    g_ptr_array_add (problems, g_strdup (error->message));
}

CcPortfolio *
cc_portfolio_import_csv (const char  *data,
                         gssize       length,
                         const char  *source_name,
                         const char  *name,
                         CcDataset   *dataset,
                         GPtrArray   *problems,
                         GError     **error)
{
  g_autoptr(CcCsvReader) reader = NULL;
  g_autoptr(CcPortfolio) portfolio = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  CcCatalogue *catalogue = dataset ? cc_dataset_get_catalogue (dataset) : NULL;
  int columns[N_COLUMNS] = { -1, -1, -1, -1, -1 };
  gboolean first = TRUE;
  CcHoldingKind kind = CC_HOLDING_SHARES;
  guint n_rows = 0;

  g_return_val_if_fail (source_name != NULL, NULL);

  reader = cc_csv_reader_new (data, length, source_name, error);
  if (reader == NULL)
    return NULL;

  while (cc_csv_reader_next (reader, &local_error))
    {
      g_autoptr(CcHolding) holding = NULL;
      const char *symbol, *amount_text, *cost_text, *date_text;
      const char *amount_column;
      double amount, cost = 0;
      CcDate date = CC_DATE_INVALID;
      gpointer other_line;

      if (first)
        {
          gboolean header = FALSE;

          first = FALSE;
          for (guint i = 0; i < cc_csv_reader_get_n_fields (reader); i++)
            {
              int column = column_from_header (cc_csv_reader_get_field (reader, i));

              if (column >= 0 && columns[column] < 0)
                {
                  columns[column] = (int) i;
                  header = TRUE;
                }
            }
          if (header)
            {
              if (columns[COLUMN_SYMBOL] < 0 ||
                  (columns[COLUMN_SHARES] < 0 && columns[COLUMN_WEIGHT] < 0))
                {
                  cc_csv_reader_set_error (reader, error, NULL,
                                           _("the header needs a Symbol column and a Shares or "
                                             "a Weight column"));
                  return NULL;
                }
              /* A file with both columns is read by shares: the broker's own record. */
              kind = columns[COLUMN_SHARES] >= 0 ? CC_HOLDING_SHARES : CC_HOLDING_WEIGHT;
              if (kind == CC_HOLDING_WEIGHT)
                columns[COLUMN_SHARES] = -1;
              continue;
            }
          /* No header: Symbol,Shares[,Cost][,Date] */
          columns[COLUMN_SYMBOL] = 0;
          columns[COLUMN_SHARES] = 1;
          columns[COLUMN_COST] = 2;
          columns[COLUMN_DATE] = 3;
        }
      if (portfolio == NULL)
        portfolio = cc_portfolio_new (name, kind);

      symbol = columns[COLUMN_SYMBOL] >= 0 ?
        cc_csv_reader_get_field (reader, (guint) columns[COLUMN_SYMBOL]) : "";
      amount_column = kind == CC_HOLDING_SHARES ? "Shares" : "Weight";
      amount_text = cc_csv_reader_get_field (reader,
                                             (guint) columns[kind == CC_HOLDING_SHARES ?
                                                             COLUMN_SHARES : COLUMN_WEIGHT]);
      cost_text = columns[COLUMN_COST] >= 0 ?
        cc_csv_reader_get_field (reader, (guint) columns[COLUMN_COST]) : "";
      date_text = columns[COLUMN_DATE] >= 0 ?
        cc_csv_reader_get_field (reader, (guint) columns[COLUMN_DATE]) : "";

      if (symbol[0] == '\0')
        {
          add_problem (reader, problems, "Symbol", "%s", _("no symbol; this line is left out"));
          continue;
        }
      if (!cc_ticker_is_valid (symbol))
        {
          add_problem (reader, problems, "Symbol", _("“%s” is not a ticker; this line is left "
                                                     "out"), symbol);
          continue;
        }
      holding = cc_holding_new (symbol, 0);
      if (dataset != NULL && cc_dataset_get_series (dataset, holding->ticker) == NULL &&
          cc_catalogue_lookup (catalogue, holding->ticker) == NULL)
        {
          add_problem (reader, problems, "Symbol",
                       _("%s is an unknown ticker: add it to the chart first so its prices can "
                         "be fetched; this line is left out"), holding->ticker);
          continue;
        }
      if (!parse_amount (reader, amount_text, &amount))
        {
          add_problem (reader, problems, amount_column,
                       _("“%s” is not a number; this line is left out"), amount_text);
          continue;
        }
      if (amount <= 0)
        {
          add_problem (reader, problems, amount_column,
                       kind == CC_HOLDING_SHARES ?
                       _("%s has %s shares, but a position needs more than 0; this line is left "
                         "out") :
                       _("%s has a weight of %s, but a position needs more than 0; this line is "
                         "left out"), holding->ticker, amount_text);
          continue;
        }
      if (cost_text[0] != '\0' && (!parse_amount (reader, cost_text, &cost) || cost <= 0))
        {
          add_problem (reader, problems, "Cost",
                       _("“%s” is not a cost above 0; this line is left out"), cost_text);
          continue;
        }
      if (date_text[0] != '\0' &&
          (!cc_date_parse_iso (date_text, &date) ||
           cc_date_get_year (date) < CC_CALENDAR_FIRST_YEAR ||
           cc_date_get_year (date) > CC_CALENDAR_LAST_YEAR))
        {
          add_problem (reader, problems, "Date",
                       _("“%s” is not a date (YYYY-MM-DD); this line is left out"), date_text);
          continue;
        }
      if (g_hash_table_lookup_extended (seen, holding->ticker, NULL, &other_line))
        {
          add_problem (reader, problems, "Symbol",
                       _("%s is already held on line %u; this second row is left out"),
                       holding->ticker, GPOINTER_TO_UINT (other_line));
          continue;
        }
      g_hash_table_insert (seen, g_strdup (holding->ticker),
                           GUINT_TO_POINTER (cc_csv_reader_get_line (reader)));
      holding->amount = amount;
      holding->cost = cost;
      holding->date = date;
      holding->line = cc_csv_reader_get_line (reader);
      if (dataset != NULL && cc_dataset_get_series (dataset, holding->ticker) == NULL)
        add_problem (reader, problems, "Symbol",
                     _("no prices are loaded for %s; it is kept, but left out of the analysis "
                       "until they are fetched"), holding->ticker);
      cc_portfolio_set_holding (portfolio, holding);
      n_rows++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (n_rows == 0)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                   _("%s: no holding could be read"), source_name);
      return NULL;
    }
  return g_steal_pointer (&portfolio);
}
