/* cc-edgar.c: readers for SEC EDGAR's ticker list, submissions and filing headers, and the
 * acceptance time and event day of a filing. */
#define G_LOG_DOMAIN "cc-edgar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-edgar.h"
#include "cc-edgar-private.h"
#include "cc-provider.h"

#define MINUTES(h, m) ((h) * 60 + (m))

static GTimeZone *
new_york_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("America/New_York");

      /* Without the tz database: the US Eastern rule in force since 2007. */
      if (tz == NULL)
        tz = g_time_zone_new_identifier ("EST5EDT,M3.2.0,M11.1.0");
      g_once_init_leave (&zone, tz);
    }
  return zone;
}

static void
set_format_error (GError    **error,
                  const char *what,
                  const char *problem)
{
  /* Translators: the first %s is what was read ("the filings of NVDA"), the second what is
   * wrong with it. */
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
               _("%s sent %s in a form it does not document: %s"), CC_EDGAR_SERVICE, what,
               problem);
}

gboolean
_cc_edgar_reject_web_page (const char  *data,
                           gsize        length,
                           const char  *what,
                           GError     **error)
{
  if (!cc_data_looks_like_html (data, length))
    return TRUE;
  /* Translators: %s is what was asked for ("the filings of MU"). */
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
               _("%s sent a web page instead of %s: it may be refusing this program for now"),
               CC_EDGAR_SERVICE, what);
  return FALSE;
}

static JsonNode *
load_json (const char  *data,
           gsize        length,
           const char  *what,
           GError     **error)
{
  if (!_cc_edgar_reject_web_page (data, length, what, error))
    return NULL;
  return _cc_data_load_json (data, length, CC_EDGAR_SERVICE, what, error);
}

/* A CIK sent as a number or as a string of digits. */
static gboolean
get_cik (JsonObject *object,
         const char *member,
         guint64    *cik)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v <= 0 || v > G_GINT64_CONSTANT (9999999999))
        return FALSE;
      *cik = (guint64) v;
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      guint64 v = 0;

      if (*s == '\0' || strlen (s) > 10)
        return FALSE;
      for (const char *p = s; *p; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          v = v * 10 + (guint64) (*p - '0');
        }
      if (v == 0)
        return FALSE;
      *cik = v;
      return TRUE;
    }
  return FALSE;
}

char *
cc_edgar_format_cik (guint64 cik)
{
  return g_strdup_printf ("%010" G_GUINT64_FORMAT, cik);
}

static gboolean
ticker_is_valid (const char *ticker)
{
  gsize n = strlen (ticker);

  if (n == 0 || n > 16)
    return FALSE;
  for (const char *p = ticker; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '^')
      return FALSE;
  return TRUE;
}

GHashTable *
cc_edgar_parse_tickers (const char  *data,
                        gsize        length,
                        GError     **error)
{
  const char *what = _("the ticker list");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) table = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  root = load_json (data, length, what, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_format_error (error, what, _("it is not a JSON object"));
      return NULL;
    }

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    {
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
      const char *ticker = _cc_data_get_string (entry, "ticker");
      guint64 cik = 0;

      if (entry == NULL || ticker == NULL || !get_cik (entry, "cik_str", &cik) ||
          !ticker_is_valid (ticker))
        {
          g_autofree char *problem = g_strdup_printf (_("entry “%s” has no valid ticker and "
                                                        "CIK"), key);
          set_format_error (error, what, problem);
          return NULL;
        }
      /* A ticker listed twice: the first entry is the primary listing. */
      if (!g_hash_table_contains (table, ticker))
        g_hash_table_insert (table, g_ascii_strup (ticker, -1), g_memdup2 (&cik, sizeof cik));
    }
  if (g_hash_table_size (table) == 0)
    {
      set_format_error (error, what, _("it lists no companies"));
      return NULL;
    }
  return g_steal_pointer (&table);
}

const char *
cc_edgar_time_source_to_string (CcEdgarTimeSource source)
{
  switch (source)
    {
    case CC_EDGAR_TIME_HEADER:
      return "header";
    case CC_EDGAR_TIME_JSON_UTC:
      return "json-utc";
    case CC_EDGAR_TIME_JSON_NEW_YORK:
      return "json-new-york";
    case CC_EDGAR_TIME_UNKNOWN:
    default:
      return "unknown";
    }
}

void
cc_edgar_filing_free (CcEdgarFiling *filing)
{
  if (filing == NULL)
    return;
  g_free (filing->accession);
  g_free (filing->form);
  g_strfreev (filing->items);
  g_free (filing->acceptance);
  g_free (filing->primary_document);
  g_free (filing);
}

gboolean
cc_edgar_filing_has_item (const CcEdgarFiling *filing,
                          const char          *item)
{
  for (guint i = 0; filing->items[i] != NULL; i++)
    if (g_str_equal (filing->items[i], item))
      return TRUE;
  return FALSE;
}

static void
page_free (gpointer data)
{
  CcEdgarPage *page = data;

  g_free (page->name);
  g_free (page);
}

void
cc_edgar_submissions_free (CcEdgarSubmissions *submissions)
{
  if (submissions == NULL)
    return;
  g_free (submissions->name);
  g_free (submissions->fiscal_year_end);
  g_ptr_array_unref (submissions->filings);
  g_ptr_array_unref (submissions->pages);
  g_free (submissions);
}

static gboolean
accession_is_valid (const char *text)
{
  if (strlen (text) != 20)
    return FALSE;
  for (guint i = 0; i < 20; i++)
    {
      if (i == 10 || i == 13)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
form_is_valid (const char *text)
{
  gsize n = strlen (text);

  if (n == 0 || n > 31)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == ',')
      return FALSE;
  return TRUE;
}

static gboolean
item_is_valid (const char *text)
{
  gsize n = strlen (text);
  gboolean dot = FALSE;

  if (n == 0 || n > 8 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[n - 1]))
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (*p == '.' && !dot)
        dot = TRUE;
      else if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_items (const char   *text,
             char       ***items)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item == '\0')
        continue;
      if (!item_is_valid (item))
        return FALSE;
      g_ptr_array_add (out, g_strdup (item));
    }
  g_ptr_array_add (out, NULL);
  *items = (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

/* The string at @index of column @name, or NULL with an error. */
static const char *
column_string (JsonArray  *column,
               const char *name,
               guint       index,
               const char *what,
               GError    **error)
{
  JsonNode *node = json_array_get_element (column, index);

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” at position %u is not text"), name,
                                                  index);
      set_format_error (error, what, problem);
      return NULL;
    }
  return json_node_get_string (node);
}

static JsonArray *
column (JsonObject  *columns,
        const char  *name,
        guint        expected,
        gboolean     required,
        const char  *what,
        gboolean    *ok,
        GError     **error)
{
  JsonNode *node = json_object_get_member (columns, name);
  JsonArray *array;

  if (node == NULL && !required)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *problem = g_strdup_printf (_("the column “%s” is missing"), name);
      set_format_error (error, what, problem);
      *ok = FALSE;
      return NULL;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) != expected)
    {
      g_autofree char *problem = g_strdup_printf (_("the column “%s” has %u entries, not %u"),
                                                  name, json_array_get_length (array),
                                                  expected);
      set_format_error (error, what, problem);
      *ok = FALSE;
      return NULL;
    }
  return array;
}

/* The columnar filings object: parallel arrays, one index per filing. */
static gboolean
read_columns (JsonObject  *columns,
              const char  *what,
              GPtrArray   *filings,
              GError     **error)
{
  JsonNode *accessions_node = json_object_get_member (columns, "accessionNumber");
  JsonArray *accessions, *filing_dates, *forms, *acceptances, *report_dates, *items,
            *documents;
  gboolean ok = TRUE;
  guint n;

  if (accessions_node == NULL && json_object_get_size (columns) == 0)
    return TRUE;   /* no filings */
  if (accessions_node == NULL || !JSON_NODE_HOLDS_ARRAY (accessions_node))
    {
      set_format_error (error, what, _("the column “accessionNumber” is missing"));
      return FALSE;
    }
  accessions = json_node_get_array (accessions_node);
  n = json_array_get_length (accessions);
  filing_dates = column (columns, "filingDate", n, TRUE, what, &ok, error);
  forms = ok ? column (columns, "form", n, TRUE, what, &ok, error) : NULL;
  acceptances = ok ? column (columns, "acceptanceDateTime", n, FALSE, what, &ok, error) : NULL;
  report_dates = ok ? column (columns, "reportDate", n, FALSE, what, &ok, error) : NULL;
  items = ok ? column (columns, "items", n, FALSE, what, &ok, error) : NULL;
  documents = ok ? column (columns, "primaryDocument", n, FALSE, what, &ok, error) : NULL;
  if (!ok)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      CcEdgarFiling *filing;
      const char *accession, *filing_date, *form;
      const char *acceptance = "", *report_date = "", *item_text = "", *document = "";
      g_auto(GStrv) item_list = NULL;
      CcDate fdate, rdate = CC_DATE_INVALID;

      if ((accession = column_string (accessions, "accessionNumber", i, what, error)) == NULL ||
          (filing_date = column_string (filing_dates, "filingDate", i, what, error)) == NULL ||
          (form = column_string (forms, "form", i, what, error)) == NULL ||
          (acceptances != NULL &&
           (acceptance = column_string (acceptances, "acceptanceDateTime", i, what,
                                        error)) == NULL) ||
          (report_dates != NULL &&
           (report_date = column_string (report_dates, "reportDate", i, what, error)) == NULL) ||
          (items != NULL && (item_text = column_string (items, "items", i, what,
                                                        error)) == NULL) ||
          (documents != NULL &&
           (document = column_string (documents, "primaryDocument", i, what, error)) == NULL))
        return FALSE;

      if (!accession_is_valid (accession) || !cc_date_parse_iso (filing_date, &fdate) ||
          !form_is_valid (form) ||
          (*report_date != '\0' && !cc_date_parse_iso (report_date, &rdate)) ||
          !parse_items (item_text, &item_list))
        {
          g_autofree char *problem = g_strdup_printf (_("the filing at position %u has an "
                                                        "invalid accession number, date, form "
                                                        "or item"), i);
          set_format_error (error, what, problem);
          return FALSE;
        }
      if (*acceptance != '\0')
        {
          gint64 t;

          if (!cc_edgar_parse_acceptance (acceptance, FALSE, &t))
            {
              g_autofree char *problem = g_strdup_printf (_("the acceptance time “%s” at "
                                                            "position %u is not a time"),
                                                          acceptance, i);
              set_format_error (error, what, problem);
              return FALSE;
            }
        }

      filing = g_new0 (CcEdgarFiling, 1);
      filing->accession = g_strdup (accession);
      filing->form = g_strdup (form);
      filing->items = g_steal_pointer (&item_list);
      filing->filing_date = fdate;
      filing->report_date = rdate;
      filing->acceptance = g_strdup (acceptance);
      filing->primary_document = g_strdup (document);
      filing->accepted_at = G_MININT64;
      filing->time_source = CC_EDGAR_TIME_UNKNOWN;
      filing->event_day = CC_DATE_INVALID;
      g_ptr_array_add (filings, filing);
    }
  return TRUE;
}

static gboolean
page_name_is_valid (const char *name)
{
  gsize n = strlen (name);

  if (n == 0 || n > 64 || !g_str_has_suffix (name, ".json"))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return name[0] != '.';
}

static gboolean
read_pages (JsonArray   *files,
            const char  *what,
            GPtrArray   *pages,
            GError     **error)
{
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonNode *node = json_array_get_element (files, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = _cc_data_get_string (object, "name");
      const char *from = _cc_data_get_string (object, "filingFrom");
      const char *to = _cc_data_get_string (object, "filingTo");
      double count = 0;
      CcEdgarPage *page;

      page = g_new0 (CcEdgarPage, 1);
      page->from = page->to = CC_DATE_INVALID;
      if (name == NULL || !page_name_is_valid (name) ||
          (from != NULL && !cc_date_parse_iso (from, &page->from)) ||
          (to != NULL && !cc_date_parse_iso (to, &page->to)))
        {
          g_autofree char *problem = g_strdup_printf (_("the older page at position %u has no "
                                                        "valid name or dates"), i);
          g_free (page);
          set_format_error (error, what, problem);
          return FALSE;
        }
      page->name = g_strdup (name);
      if (_cc_data_get_number (object, "filingCount", &count) && count >= 0 && count < 1e9)
        page->count = (guint) count;
      g_ptr_array_add (pages, page);
    }
  return TRUE;
}

CcEdgarSubmissions *
cc_edgar_parse_submissions (const char  *data,
                            gsize        length,
                            gboolean     is_page,
                            const char  *what,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CcEdgarSubmissions) submissions = NULL;
  JsonObject *object;

  root = load_json (data, length, what, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_format_error (error, what, _("it is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);

  submissions = g_new0 (CcEdgarSubmissions, 1);
  submissions->filings = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_edgar_filing_free);
  submissions->pages = g_ptr_array_new_with_free_func (page_free);

  if (is_page)
    {
      if (!read_columns (object, what, submissions->filings, error))
        return NULL;
    }
  else
    {
      JsonNode *filings = _cc_data_get_member_of_type (object, "filings", JSON_NODE_OBJECT);
      JsonNode *recent = NULL, *files = NULL;
      const char *name = _cc_data_get_string (object, "name");
      const char *fye = _cc_data_get_string (object, "fiscalYearEnd");

      if (!get_cik (object, "cik", &submissions->cik))
        {
          set_format_error (error, what, _("it has no CIK"));
          return NULL;
        }
      submissions->name = g_strdup (name);
      submissions->fiscal_year_end = g_strdup (fye);
      if (filings != NULL)
        {
          JsonObject *fo = json_node_get_object (filings);

          recent = _cc_data_get_member_of_type (fo, "recent", JSON_NODE_OBJECT);
          files = _cc_data_get_member_of_type (fo, "files", JSON_NODE_ARRAY);
          if (json_object_get_member (fo, "recent") != NULL && recent == NULL &&
              !JSON_NODE_HOLDS_NULL (json_object_get_member (fo, "recent")))
            {
              set_format_error (error, what, _("“filings.recent” is not an object"));
              return NULL;
            }
        }
      if (recent != NULL &&
          !read_columns (json_node_get_object (recent), what, submissions->filings, error))
        return NULL;
      if (files != NULL &&
          !read_pages (json_node_get_array (files), what, submissions->pages, error))
        return NULL;
    }
  return g_steal_pointer (&submissions);
}

static gboolean
read_digits (const char *p,
             guint       n,
             int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *value = v;
  return TRUE;
}

/* Acceptance times within EDGAR's life, in a year the calendar can place. */
static gboolean
time_fields_valid (int y,
                   int mo,
                   int d,
                   int h,
                   int mi,
                   int s)
{
  return y >= 1993 && y <= 2100 && cc_date_ymd_is_valid (y, mo, d) && h < 24 && mi < 60 &&
         s < 60;
}

static gint64
to_unix (int      y,
         int      mo,
         int      d,
         int      h,
         int      mi,
         int      s,
         gboolean new_york)
{
  g_autoptr(GDateTime) dt = NULL;

  if (new_york)
    dt = g_date_time_new (new_york_zone (), y, mo, d, h, mi, s);
  else
    dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  return dt != NULL ? g_date_time_to_unix (dt) : G_MININT64;
}

gboolean
cc_edgar_parse_acceptance (const char *text,
                           gboolean    new_york_clock,
                           gint64     *accepted_at)
{
  int y, mo, d, h, mi, s, frac;
  const char *p;

  if (text == NULL || strlen (text) < 19 ||
      !read_digits (text, 4, &y) || text[4] != '-' || !read_digits (text + 5, 2, &mo) ||
      text[7] != '-' || !read_digits (text + 8, 2, &d) || text[10] != 'T' ||
      !read_digits (text + 11, 2, &h) || text[13] != ':' || !read_digits (text + 14, 2, &mi) ||
      text[16] != ':' || !read_digits (text + 17, 2, &s))
    return FALSE;
  p = text + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        if (!read_digits (p++, 1, &frac))
          return FALSE;
    }
  if (*p == 'Z')
    p++;
  if (*p != '\0' || !time_fields_valid (y, mo, d, h, mi, s))
    return FALSE;
  *accepted_at = to_unix (y, mo, d, h, mi, s, new_york_clock);
  return *accepted_at != G_MININT64;
}

CcEdgarTimeSource
cc_edgar_detect_convention (const char *json_acceptance,
                            gint64      header_accepted_at)
{
  gint64 as_utc, as_new_york;

  if (!cc_edgar_parse_acceptance (json_acceptance, FALSE, &as_utc) ||
      !cc_edgar_parse_acceptance (json_acceptance, TRUE, &as_new_york))
    return CC_EDGAR_TIME_UNKNOWN;
  if (ABS (as_utc - header_accepted_at) <= 120)
    return CC_EDGAR_TIME_JSON_UTC;
  if (ABS (as_new_york - header_accepted_at) <= 120)
    return CC_EDGAR_TIME_JSON_NEW_YORK;
  return CC_EDGAR_TIME_UNKNOWN;
}

CcDate
cc_edgar_event_day (gint64    accepted_at,
                    gboolean *intraday)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (accepted_at);
  g_autoptr(GDateTime) local = NULL;
  CcDate day;
  int minutes;

  if (intraday != NULL)
    *intraday = FALSE;
  if (utc == NULL)
    return CC_DATE_INVALID;
  local = g_date_time_to_timezone (utc, new_york_zone ());
  if (local == NULL || g_date_time_get_year (local) < 1993 ||
      g_date_time_get_year (local) > 2100)
    return CC_DATE_INVALID;
  day = cc_date_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local));
  minutes = MINUTES (g_date_time_get_hour (local), g_date_time_get_minute (local));

  if (!cc_calendar_is_trading_day (day))
    return cc_calendar_next_trading_day (day);
  if (minutes >= MINUTES (16, 0))
    return cc_calendar_next_trading_day (day);
  if (minutes >= MINUTES (9, 30) && intraday != NULL)
    *intraday = TRUE;
  return day;
}

void
cc_edgar_filing_resolve (CcEdgarFiling     *filing,
                         CcEdgarTimeSource  convention,
                         gint64             header_accepted_at)
{
  gint64 t = G_MININT64;

  filing->time_source = CC_EDGAR_TIME_UNKNOWN;
  if (header_accepted_at != G_MININT64)
    {
      t = header_accepted_at;
      filing->time_source = CC_EDGAR_TIME_HEADER;
    }
  else if ((convention == CC_EDGAR_TIME_JSON_UTC || convention == CC_EDGAR_TIME_JSON_NEW_YORK) &&
           cc_edgar_parse_acceptance (filing->acceptance,
                                      convention == CC_EDGAR_TIME_JSON_NEW_YORK, &t))
    filing->time_source = convention;

  filing->accepted_at = filing->time_source != CC_EDGAR_TIME_UNKNOWN ? t : G_MININT64;
  filing->event_day = CC_DATE_INVALID;
  filing->intraday = FALSE;
  if (filing->accepted_at != G_MININT64)
    filing->event_day = cc_edgar_event_day (filing->accepted_at, &filing->intraday);
}

/* The text after @label up to the end of its line, spaces trimmed; NULL when absent. */
static char *
header_field (const char *text,
              const char *label)
{
  const char *p = strstr (text, label);
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (label);
  while (*p == ' ' || *p == '\t')
    p++;
  end = p;
  while (*end != '\0' && *end != '\n' && *end != '\r' && *end != '<' && *end != '&')
    end++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return g_strndup (p, end - p);
}

gboolean
cc_edgar_parse_header (const char    *data,
                       gsize          length,
                       const char    *what,
                       CcEdgarHeader *header,
                       GError       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *accession = NULL;
  g_autofree char *form = NULL;
  const char *p;
  int y, mo, d, h, mi, s;

  memset (header, 0, sizeof *header);
  if (length == 0 || memchr (data, '\0', length) != NULL)
    {
      set_format_error (error, what, _("it is empty or not text"));
      return FALSE;
    }
  text = g_strndup (data, length);
  p = strstr (text, "ACCEPTANCE-DATETIME");
  if (p == NULL)
    {
      set_format_error (error, what, _("it has no <ACCEPTANCE-DATETIME>"));
      return FALSE;
    }
  p += strlen ("ACCEPTANCE-DATETIME");
  if (g_str_has_prefix (p, "&gt;"))
    p += 4;
  else if (*p == '>')
    p++;
  if (strlen (p) < 14 ||
      !read_digits (p, 4, &y) || !read_digits (p + 4, 2, &mo) || !read_digits (p + 6, 2, &d) ||
      !read_digits (p + 8, 2, &h) || !read_digits (p + 10, 2, &mi) ||
      !read_digits (p + 12, 2, &s) || g_ascii_isdigit (p[14]) ||
      !time_fields_valid (y, mo, d, h, mi, s))
    {
      set_format_error (error, what, _("its <ACCEPTANCE-DATETIME> is not YYYYMMDDHHMMSS"));
      return FALSE;
    }
  header->year = y, header->month = mo, header->day = d;
  header->hour = h, header->minute = mi, header->second = s;
  header->accepted_at = to_unix (y, mo, d, h, mi, s, TRUE);
  if (header->accepted_at == G_MININT64)
    {
      set_format_error (error, what, _("its <ACCEPTANCE-DATETIME> is not YYYYMMDDHHMMSS"));
      return FALSE;
    }

  accession = header_field (text, "ACCESSION NUMBER:");
  if (accession != NULL && accession_is_valid (accession))
    g_strlcpy (header->accession, accession, sizeof header->accession);
  form = header_field (text, "CONFORMED SUBMISSION TYPE:");
  if (form != NULL && form_is_valid (form))
    g_strlcpy (header->form, form, sizeof header->form);
  return TRUE;
}
