/* cc-cli-filings.c: `chipcycle filings SYMBOL…` (filings from SEC EDGAR with their acceptance
 * times and event days) and `chipcycle facts SYMBOL CONCEPT` (one reported XBRL figure, as
 * filed or per quarter), as CSV or JSON, without a display. */
#define G_LOG_DOMAIN "cc-cli-filings"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cc-cli-private.h"
#include "cc-data-error.h"
#include "cc-edgar-client.h"
#include "cc-provider.h"
#include "cc-save-stream.h"
#include "cc-csv-field.h"

/* A table of text cells written as CSV or as a JSON array of objects; a column marked numeric
 * becomes a JSON number, an empty cell JSON null. */
typedef struct {
  GPtrArray *columns;   /* char * */
  GPtrArray *numeric;   /* GINT_TO_POINTER (gboolean) */
  GPtrArray *rows;      /* GPtrArray of char * */
} Table;

static void
table_init (Table              *table,
            const char * const *columns,
            const char * const *numeric)
{
  table->columns = g_ptr_array_new ();
  table->numeric = g_ptr_array_new ();
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      gboolean is_numeric = numeric != NULL && g_strv_contains (numeric, columns[i]);

      g_ptr_array_add (table->columns, (gpointer) columns[i]);
      g_ptr_array_add (table->numeric, GINT_TO_POINTER (is_numeric));
    }
}

static void
table_clear (Table *table)
{
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->numeric);
  g_ptr_array_unref (table->rows);
}

static GPtrArray *
table_add_row (Table *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (table->rows, row);
  return row;
}

static char *
table_to_csv (Table *table)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (table->columns, c));
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          cc_csv_append_field (out, g_ptr_array_index (row, c));
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static char *
table_to_json (Table  *table,
               gint64  fetched_at)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (fetched_at);
  g_autofree char *when_text = when != NULL ? g_date_time_format_iso8601 (when) : NULL;
  char *text;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, CC_EDGAR_SERVICE);
  json_builder_set_member_name (b, "fetched_at");
  if (when_text != NULL)
    json_builder_add_string_value (b, when_text);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);

      json_builder_begin_object (b);
      for (guint c = 0; c < row->len; c++)
        {
          const char *cell = g_ptr_array_index (row, c);
          double number;

          json_builder_set_member_name (b, g_ptr_array_index (table->columns, c));
          if (*cell == '\0')
            json_builder_add_null_value (b);
          else if (GPOINTER_TO_INT (g_ptr_array_index (table->numeric, c)) &&
                   cc_data_parse_double (cell, &number))
            json_builder_add_double_value (b, number);
          else
            json_builder_add_string_value (b, cell);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return text;
}

/* Writes @table to @output (.json: JSON, else CSV), whole or not at all; or to standard
 * output as CSV. */
static int
write_table (const char *command,
             Table      *table,
             const char *output,
             gint64      fetched_at)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (output != NULL && g_str_has_suffix (output, ".json"))
    {
      g_autofree char *json = table_to_json (table, fetched_at);
      text = g_strconcat (json, "\n", NULL);
    }
  else
    text = table_to_csv (table);
  length = strlen (text);

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!cc_save_contents (file, text, length, CC_SAVE_MODE_DEFAULT, NULL, &error))
        {
          _cc_cli_error (command, _("could not write %s: %s"), output, error->message);
          return CC_CLI_EXIT_FAILURE;
        }
      return CC_CLI_EXIT_OK;
    }
  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      _cc_cli_error (command, _("could not write to standard output"));
      return CC_CLI_EXIT_FAILURE;
    }
  return CC_CLI_EXIT_OK;
}

static gboolean
check_output (const char *command,
              const char *output)
{
  if (output == NULL || g_str_has_suffix (output, ".csv") || g_str_has_suffix (output, ".json"))
    return TRUE;
  _cc_cli_error (command, _("--output: “%s” must end in .csv or .json"), output);
  return FALSE;
}

/* The cache is the window's (XDG_CACHE_HOME/chipcycle/edgar). The contact is
 * CHIPCYCLE_EDGAR_CONTACT, else the window's setting (_cc_cli_edgar_contact()); the base URLs
 * the settings, else CHIPCYCLE_EDGAR_DATA_URL and CHIPCYCLE_EDGAR_WWW_URL (as for the price
 * providers). */
CcEdgarClient *
_cc_cli_new_edgar_client (void)
{
  CcEdgarClient *client = cc_edgar_client_new (NULL);
  g_autoptr(GSettings) settings = _cc_cli_open_settings ();
  g_autofree char *contact = _cc_cli_edgar_contact ();
  g_autofree char *data_url = NULL;
  g_autofree char *www_url = NULL;

  cc_edgar_client_set_contact (client, contact);
  if (settings == NULL)
    return client;
  data_url = g_strstrip (g_settings_get_string (settings, "edgar-data-url"));
  www_url = g_strstrip (g_settings_get_string (settings, "edgar-www-url"));
  cc_edgar_client_set_base_urls (client, data_url, www_url);
  return client;
}

static char *
format_date (CcDate date)
{
  return date != CC_DATE_INVALID ? cc_date_to_iso (date) : g_strdup ("");
}

static char *
format_time (gint64     unix_time,
             GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == G_MININT64 || (utc = g_date_time_new_from_unix_utc (unix_time)) == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static gboolean
parse_date_option (const char *command,
                   const char *option,
                   const char *text,
                   CcDate     *date)
{
  if (text == NULL)
    return TRUE;
  if (!cc_date_parse (text, TRUE, date))
    {
      _cc_cli_error (command, _("%s: “%s” is not a date (use YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  return TRUE;
}

int
cc_cli_filings (int    argc,
                char **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *forms_text = NULL;
  g_autofree char *items_text = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from_text,
      N_("First filing date (default: the filer’s recent filings only)"), N_("DATE") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to_text, N_("Last filing date"), N_("DATE") },
    { "forms", 0, 0, G_OPTION_ARG_STRING, &forms_text,
      N_("Only these forms, comma-separated (8-K,10-Q,10-K,20-F,6-K…)"), N_("FORMS") },
    { "items", 0, 0, G_OPTION_ARG_STRING, &items_text,
      N_("Only filings with one of these 8-K items (2.02 for results)"), N_("ITEMS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file (.csv or .json) instead of standard output"), N_("FILE") },
    { NULL }
  };
  static const char * const columns[] = {
    "symbol", "cik", "form", "items", "accession", "filing_date", "report_date",
    "accepted_new_york", "accepted_utc", "time_source", "event_day", "intraday", "url", NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarClient) client = NULL;
  g_autoptr(GTimeZone) new_york = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_auto(GStrv) forms = NULL;
  g_auto(GStrv) items = NULL;
  CcEdgarQuery query = { CC_DATE_INVALID, CC_DATE_INVALID, NULL, NULL };
  gint64 fetched_at = 0;
  Table table;
  int status;

  context = g_option_context_new (_("SYMBOL…"));
  g_option_context_set_summary (context, _("List filings from SEC EDGAR with their acceptance "
                                           "time and event day: the first session that could "
                                           "react. SEC EDGAR asks for a contact: set "
                                           "CHIPCYCLE_EDGAR_CONTACT to your e-mail address."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      _cc_cli_error ("filings", "%s", error->message);
      return CC_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      _cc_cli_error ("filings", _("name at least one symbol, e.g. “chipcycle filings MU”"));
      return CC_CLI_EXIT_USAGE;
    }
  if (!parse_date_option ("filings", "--from", from_text, &query.from) ||
      !parse_date_option ("filings", "--to", to_text, &query.to) ||
      !check_output ("filings", output))
    return CC_CLI_EXIT_USAGE;
  if (query.from != CC_DATE_INVALID && query.to != CC_DATE_INVALID && query.from > query.to)
    {
      _cc_cli_error ("filings", _("--from is after --to"));
      return CC_CLI_EXIT_USAGE;
    }
  forms = _cc_cli_split_list (forms_text);
  items = _cc_cli_split_list (items_text);
  query.forms = (const char **) forms;
  query.items = (const char **) items;

  new_york = g_time_zone_new_identifier ("America/New_York");
  if (new_york == NULL)
    new_york = g_time_zone_new_identifier ("EST5EDT,M3.2.0,M11.1.0");
  client = _cc_cli_new_edgar_client ();
  table_init (&table, columns, (const char * const []) { "cik", NULL });
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(CcEdgarSubmissions) filings = NULL;
      gint64 at;

      filings = cc_edgar_client_get_filings (client, argv[i], &query, NULL, &error);
      if (filings == NULL)
        {
          _cc_cli_error ("filings", "%s", error->message);
          table_clear (&table);
          return error->domain == CC_DATA_ERROR && error->code == CC_DATA_ERROR_NEEDS_CONTACT
                   ? CC_CLI_EXIT_USAGE : CC_CLI_EXIT_FAILURE;
        }
      at = cc_edgar_client_get_fetched_at (client);
      if (fetched_at == 0 || (at != 0 && at < fetched_at))
        fetched_at = at;
      for (guint j = 0; j < filings->filings->len; j++)
        {
          CcEdgarFiling *f = g_ptr_array_index (filings->filings, j);
          GPtrArray *row = table_add_row (&table);
          g_autofree char *upper = g_ascii_strup (argv[i], -1);

          g_ptr_array_add (row, g_strdup (upper));
          g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, filings->cik));
          g_ptr_array_add (row, g_strdup (f->form));
          g_ptr_array_add (row, g_strjoinv (" ", f->items));
          g_ptr_array_add (row, g_strdup (f->accession));
          g_ptr_array_add (row, format_date (f->filing_date));
          g_ptr_array_add (row, format_date (f->report_date));
          g_ptr_array_add (row, format_time (f->accepted_at, new_york));
          g_ptr_array_add (row, format_time (f->accepted_at, utc));
          g_ptr_array_add (row, g_strdup (cc_edgar_time_source_to_string (f->time_source)));
          g_ptr_array_add (row, format_date (f->event_day));
          g_ptr_array_add (row, g_strdup (f->event_day == CC_DATE_INVALID ? ""
                                          : f->intraday ? "yes" : "no"));
          g_ptr_array_add (row, cc_edgar_client_filing_url (client, filings->cik, f));
        }
    }
  status = write_table ("filings", &table, output, fetched_at);
  table_clear (&table);
  return status;
}

int
cc_cli_facts (int    argc,
              char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *unit = NULL;
  gboolean quarterly = FALSE, first_reported = FALSE;
  const GOptionEntry entries[] = {
    { "quarterly", 'q', 0, G_OPTION_ARG_NONE, &quarterly,
      N_("One value per fiscal quarter: year-to-date figures differenced, Q4 as the year "
         "minus nine months"), NULL },
    { "as-first-reported", 0, 0, G_OPTION_ARG_NONE, &first_reported,
      N_("Keep the first figure filed for a period (default: the last, amendments "
         "included)"), NULL },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("The unit (default USD)"), N_("UNIT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file (.csv or .json) instead of standard output"), N_("FILE") },
    { NULL }
  };
  static const char * const fact_columns[] = {
    "symbol", "concept", "unit", "start", "end", "value", "accession", "form", "filed",
    "fiscal_year", "fiscal_period", "frame", NULL
  };
  static const char * const quarter_columns[] = {
    "symbol", "concept", "unit", "fiscal_year", "fiscal_quarter", "start", "end", "value",
    "method", "accession", "form", "filed", NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarClient) client = NULL;
  g_autoptr(CcEdgarConcept) concept = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *concept_name = NULL;
  Table table;
  int status;

  context = g_option_context_new (_("SYMBOL CONCEPT"));
  g_option_context_set_summary (context, _("Print one figure a company reported in its "
                                           "filings (an XBRL concept such as "
                                           "PaymentsToAcquirePropertyPlantAndEquipment or "
                                           "us-gaap:Revenues) from SEC EDGAR. Set "
                                           "CHIPCYCLE_EDGAR_CONTACT to your e-mail address."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      _cc_cli_error ("facts", "%s", error->message);
      return CC_CLI_EXIT_USAGE;
    }
  if (argc != 3)
    {
      _cc_cli_error ("facts", _("name one symbol and one concept, e.g. “chipcycle facts MU "
                                "GrossProfit”"));
      return CC_CLI_EXIT_USAGE;
    }
  if (!check_output ("facts", output))
    return CC_CLI_EXIT_USAGE;

  client = _cc_cli_new_edgar_client ();
  concept = cc_edgar_client_get_concept (client, argv[1], argv[2], unit, NULL, &error);
  if (concept == NULL)
    {
      _cc_cli_error ("facts", "%s", error->message);
      return error->domain == CC_DATA_ERROR && (error->code == CC_DATA_ERROR_NEEDS_CONTACT ||
                                                error->code == CC_DATA_ERROR_INVALID)
               ? CC_CLI_EXIT_USAGE : CC_CLI_EXIT_FAILURE;
    }
  upper = g_ascii_strup (argv[1], -1);
  concept_name = g_strdup_printf ("%s:%s", concept->taxonomy ? concept->taxonomy : "us-gaap",
                                  concept->tag);

  if (quarterly)
    {
      g_autoptr(GArray) quarters = cc_edgar_quarters (concept, first_reported
                                                                 ? CC_EDGAR_AS_FIRST_REPORTED
                                                                 : CC_EDGAR_AS_LAST_REPORTED);

      table_init (&table, quarter_columns,
                  (const char * const []) { "fiscal_year", "fiscal_quarter", "value", NULL });
      for (guint i = 0; i < quarters->len; i++)
        {
          CcEdgarQuarter *q = &g_array_index (quarters, CcEdgarQuarter, i);
          GPtrArray *row = table_add_row (&table);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          cc_data_format_double (q->value, number);
          g_ptr_array_add (row, g_strdup (upper));
          g_ptr_array_add (row, g_strdup (concept_name));
          g_ptr_array_add (row, g_strdup (concept->unit));
          g_ptr_array_add (row, q->fiscal_year ? g_strdup_printf ("%d", q->fiscal_year)
                                               : g_strdup (""));
          g_ptr_array_add (row, q->fiscal_quarter ? g_strdup_printf ("%d", q->fiscal_quarter)
                                                  : g_strdup (""));
          g_ptr_array_add (row, format_date (q->start));
          g_ptr_array_add (row, format_date (q->end));
          g_ptr_array_add (row, g_strdup (number));
          g_ptr_array_add (row, g_strdup (cc_edgar_quarter_method_to_string (q->method)));
          g_ptr_array_add (row, g_strdup (q->accession));
          g_ptr_array_add (row, g_strdup (q->form));
          g_ptr_array_add (row, format_date (q->filed));
        }
    }
  else
    {
      table_init (&table, fact_columns, (const char * const []) { "value", "fiscal_year", NULL });
      for (guint i = 0; i < concept->facts->len; i++)
        {
          CcEdgarFact *f = &g_array_index (concept->facts, CcEdgarFact, i);
          GPtrArray *row = table_add_row (&table);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          cc_data_format_double (f->value, number);
          g_ptr_array_add (row, g_strdup (upper));
          g_ptr_array_add (row, g_strdup (concept_name));
          g_ptr_array_add (row, g_strdup (concept->unit));
          g_ptr_array_add (row, format_date (f->start));
          g_ptr_array_add (row, format_date (f->end));
          g_ptr_array_add (row, g_strdup (number));
          g_ptr_array_add (row, g_strdup (f->accession));
          g_ptr_array_add (row, g_strdup (f->form));
          g_ptr_array_add (row, format_date (f->filed));
          g_ptr_array_add (row, f->fiscal_year ? g_strdup_printf ("%d", f->fiscal_year)
                                               : g_strdup (""));
          g_ptr_array_add (row, g_strdup (f->fiscal_period));
          g_ptr_array_add (row, g_strdup (f->frame));
        }
    }
  status = write_table ("facts", &table, output, cc_edgar_client_get_fetched_at (client));
  table_clear (&table);
  return status;
}
