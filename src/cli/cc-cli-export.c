/* cc-cli-export.c: `chipcycle export --output FILE …`: draws a chart to PNG, PDF or SVG with no
 * display at all. The figure is the window's, drawn by cc_chart_draw(). With --data it charts
 * any CSV: wide (date,SYM1,SYM2,…) here, long or single-series through the data layer's
 * importer. */
#define G_LOG_DOMAIN "cc-cli-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-csv.h"
#include "cc-dataset.h"
#include "cc-provider.h"

#define COMMAND "export"

typedef struct {
  char     *output;
  double    width;
  double    height;
  double    scale;
  char     *data;
  char     *mode;
  gboolean  log_scale;
  char     *event;
  char     *from;
  char     *to;
  char     *theme;
  char     *title;
  char     *page;
  char    **symbols;
  gboolean  trading_days;
  char    **rest;
} ExportOptions;

static void
export_options_clear (ExportOptions *o)
{
  g_free (o->output);
  g_free (o->data);
  g_free (o->mode);
  g_free (o->event);
  g_free (o->from);
  g_free (o->to);
  g_free (o->theme);
  g_free (o->title);
  g_free (o->page);
  g_strfreev (o->symbols);
  g_strfreev (o->rest);
}

/* ---------------------------------------------------------------------------------------- */
/* A wide CSV: date,SYM1,SYM2,… one close per symbol and row (empty cells are gaps). */

static char *
unquote (char *field)
{
  g_strstrip (field);
  if (field[0] == '"')
    {
      gsize len = strlen (field);

      if (len >= 2 && field[len - 1] == '"')
        {
          field[len - 1] = '\0';
          return field + 1;
        }
    }
  return field;
}

static GPtrArray *
parse_wide_csv (char        *text,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_columns = 0, line_no = 0, rows = 0, n_lines = 1;
  gboolean header_done = FALSE;
  char *line = text, *next;
  g_autoptr(GPtrArray) field_array = g_ptr_array_new ();
  char **fields;

  if (g_str_has_prefix (line, "\xef\xbb\xbf"))
    line += 3;   /* a UTF-8 byte order mark */
  /* Every series gets room for one value per line up front. */
  for (const char *p = strchr (line, '\n'); p; p = strchr (p + 1, '\n'))
    n_lines++;

  for (; line != NULL; line = next)
    {
      CcDate date;
      guint n;

      /* Split in place: a large file is read once, without a copy per line. */
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      line_no++;
      g_strchomp (line);
      if (*line == '\0' || *line == '#')
        continue;
      /* Fields split in place, into one reused array: no allocation per row. */
      g_ptr_array_set_size (field_array, 0);
      for (char *f = line;;)
        {
          char *comma = strchr (f, ',');

          g_ptr_array_add (field_array, f);
          if (comma == NULL)
            break;
          *comma = '\0';
          f = comma + 1;
        }
      fields = (char **) field_array->pdata;
      n = field_array->len;

      if (!header_done)
        {
          if (n < 2)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s:%u: the header needs a date column and at least one symbol"),
                           name, line_no);
              return NULL;
            }
          for (guint c = 1; c < n; c++)
            {
              const char *symbol = unquote (fields[c]);
              CcSeries *s;

              if (*symbol == '\0')
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("%s:%u: column %u has no symbol name"), name, line_no, c + 1);
                  return NULL;
                }
              s = cc_series_new (symbol, CC_LEVEL_PRICE);
              cc_series_reserve (s, n_lines);
              cc_series_set_origin (s, CC_ORIGIN_IMPORTED);
              cc_series_set_source (s, name);
              g_ptr_array_add (series, s);
            }
          n_columns = n;
          header_done = TRUE;
          continue;
        }

      if (n != n_columns)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s:%u: %u fields, but the header has %u"), name, line_no, n,
                       n_columns);
          return NULL;
        }
      if (!cc_date_parse (unquote (fields[0]), TRUE, &date))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s:%u: “%s” is not a date (use YYYY-MM-DD)"), name, line_no,
                       fields[0]);
          return NULL;
        }
      for (guint c = 1; c < n; c++)
        {
          const char *cell = unquote (fields[c]);
          CcSeries *s = g_ptr_array_index (series, c - 1);
          double value;

          if (*cell == '\0' || g_ascii_strcasecmp (cell, "null") == 0 ||
              g_ascii_strcasecmp (cell, "nan") == 0)
            continue;
          if (!cc_data_parse_double (cell, &value))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s:%u: column “%s”: “%s” is not a number"), name, line_no,
                           cc_series_get_symbol (s), cell);
              return NULL;
            }
          /* Appending is the fast path for ascending files; set_point keeps any order. */
          if (!cc_series_append (s, date, value, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE))
            {
              if (cc_series_find (s, date) >= 0)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("%s:%u: the date %s appears twice"), name, line_no,
                               unquote (fields[0]));
                  return NULL;
                }
              cc_series_set_point (s, date, value, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE);
            }
        }
      rows++;
    }

  if (!header_done || rows == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: no data rows"), name);
      return NULL;
    }
  return g_steal_pointer (&series);
}

/* Long (date,symbol,close) and single-series files have a close column; wide files do not. */
static gboolean
header_has_close_column (const char *text)
{
  g_autofree char *header = NULL;
  const char *nl = strchr (text, '\n');
  g_auto(GStrv) fields = NULL;

  header = g_strndup (text, nl ? (gsize) (nl - text) : strlen (text));
  fields = g_strsplit (header, ",", -1);
  for (guint i = 0; fields[i]; i++)
    {
      const char *f = unquote (fields[i]);

      if (g_ascii_strcasecmp (f, "close") == 0 || g_ascii_strcasecmp (f, "price") == 0 ||
          g_ascii_strcasecmp (f, "adj close") == 0)
        return TRUE;
    }
  return FALSE;
}

static CcDataset *
load_csv_dataset (const char  *path,
                  GPtrArray   *items,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: not UTF-8 text"), name);
      return NULL;
    }

  if (header_has_close_column (contents))
    {
      g_autofree char *symbol = cc_csv_guess_symbol (name);

      series = cc_csv_parse (contents, length, name, symbol, &notes, error);
    }
  else
    series = parse_wide_csv (contents, name, error);
  if (series == NULL)
    return NULL;

  dataset = cc_dataset_new ();
  for (guint i = 0; i < series->len; i++)
    {
      CcSeries *s = g_ptr_array_index (series, i);

      if (cc_series_get_n_points (s) == 0)
        continue;
      cc_dataset_set_series (dataset, s);
      g_ptr_array_add (items, g_strdup (cc_series_get_symbol (s)));
    }
  if (items->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: no values"), name);
      return NULL;
    }
  return g_steal_pointer (&dataset);
}

/* ---------------------------------------------------------------------------------------- */

static gboolean
parse_date (const char *option,
            const char *text,
            CcDate     *date)
{
  *date = CC_DATE_INVALID;
  if (text == NULL)
    return TRUE;
  if (!cc_date_parse (text, TRUE, date))
    {
      _cc_cli_error (COMMAND, _("%s: “%s” is not a date (use YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  return TRUE;
}

int
cc_cli_export (int    argc,
               char **argv)
{
  ExportOptions o = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("File to write; .png, .pdf or .svg decides the format"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &o.width,
      N_("Width in pixels (PNG) or points (PDF, SVG); default 1600"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &o.height,
      N_("Height in pixels (PNG) or points (PDF, SVG); default 900"), N_("H") },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &o.scale,
      N_("Pixels per unit for PNG, e.g. 2 for a HiDPI image; default 1"), N_("S") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &o.page,
      N_("PDF page size, landscape: a4 or letter"), N_("PAGE") },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &o.data,
      N_("Chart this CSV (date,SYM1,SYM2,… or date,symbol,close) instead of the bundled data"),
      N_("FILE.csv") },
    { "symbols", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.symbols,
      N_("Symbols or baskets to draw (basket:memory); repeat or separate with commas"),
      N_("LIST") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &o.mode,
      N_("percent (change since the base date), indexed (100 at the base) or price"),
      N_("MODE") },
    { "log", 'l', 0, G_OPTION_ARG_NONE, &o.log_scale, N_("Logarithmic value axis"), NULL },
    { "event", 'e', 0, G_OPTION_ARG_STRING, &o.event,
      N_("Rebase to the close before this event date"), N_("DATE") },
    { "trading-days", 't', 0, G_OPTION_ARG_NONE, &o.trading_days,
      N_("Time axis in trading days around the event (t−20 … t+60)"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("First date shown"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, N_("Last date shown"), N_("DATE") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o.theme, N_("light or dark"), N_("THEME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("Title above the chart"), N_("TEXT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  g_autoptr(CcChart) chart = NULL;
  CcChartFonts *fonts = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CcEvent) event = NULL;
  CcExportFormat format;
  CcChartMode mode = CC_CHART_MODE_PERCENT;
  CcChartTheme theme = CC_CHART_THEME_LIGHT;
  CcDate from, to, event_date;
  int status = CC_CLI_EXIT_USAGE;

  o.scale = 1.0;
  o.width = NAN;
  o.height = NAN;
  context = g_option_context_new (_("— draw a chart to a PNG, PDF or SVG file"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    /* xgettext:no-c-format */
    _("Draws the chart the window shows (or one of the CSV given with --data) with no display. "
      "Values are rebased to the close before the event: 0% in percent mode, 100 when "
      "indexed."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      goto out;
    }
  if (o.rest && o.rest[0])
    {
      _cc_cli_error (COMMAND, _("unexpected argument “%s”"), o.rest[0]);
      goto out;
    }
  if (o.output == NULL)
    {
      _cc_cli_error (COMMAND, _("--output FILE is required"));
      goto out;
    }
  if (!cc_export_format_from_path (o.output, &format))
    {
      _cc_cli_error (COMMAND, _("--output: “%s” must end in .png, .pdf or .svg"), o.output);
      goto out;
    }

  if (o.page)
    {
      if (format != CC_EXPORT_PDF)
        {
          _cc_cli_error (COMMAND, _("--page applies to PDF output only"));
          goto out;
        }
      if (!isnan (o.width) || !isnan (o.height))
        {
          _cc_cli_error (COMMAND, _("--page and --width/--height exclude each other"));
          goto out;
        }
      if (g_ascii_strcasecmp (o.page, "a4") == 0)
        {
          o.width = CC_PAGE_A4_WIDTH;
          o.height = CC_PAGE_A4_HEIGHT;
        }
      else if (g_ascii_strcasecmp (o.page, "letter") == 0)
        {
          o.width = CC_PAGE_LETTER_WIDTH;
          o.height = CC_PAGE_LETTER_HEIGHT;
        }
      else
        {
          _cc_cli_error (COMMAND, _("--page: “%s” is not a4 or letter"), o.page);
          goto out;
        }
    }
  /* PDF defaults to an A4 landscape page, images to 1600 × 900. */
  if (isnan (o.width) && isnan (o.height) && format == CC_EXPORT_PDF)
    {
      o.width = CC_PAGE_A4_WIDTH;
      o.height = CC_PAGE_A4_HEIGHT;
    }
  if (isnan (o.width))
    o.width = 1600;
  if (isnan (o.height))
    o.height = 900;
  if (!(o.width >= 16 && o.width <= 16384))
    {
      _cc_cli_error (COMMAND, _("--width: %g is out of range (16 to 16384)"), o.width);
      goto out;
    }
  if (!(o.height >= 16 && o.height <= 16384))
    {
      _cc_cli_error (COMMAND, _("--height: %g is out of range (16 to 16384)"), o.height);
      goto out;
    }
  if (!(o.scale > 0 && o.scale <= 8))
    {
      _cc_cli_error (COMMAND, _("--scale: %g is out of range (above 0, at most 8)"), o.scale);
      goto out;
    }
  if (format == CC_EXPORT_PNG && (o.width * o.scale > 16384 || o.height * o.scale > 16384))
    {
      _cc_cli_error (COMMAND, _("--scale: the image would exceed 16384 pixels on a side"));
      goto out;
    }

  if (o.mode)
    {
      if (g_str_equal (o.mode, "percent"))
        mode = CC_CHART_MODE_PERCENT;
      else if (g_str_equal (o.mode, "indexed"))
        mode = CC_CHART_MODE_INDEXED;
      else if (g_str_equal (o.mode, "price"))
        mode = CC_CHART_MODE_PRICE;
      else
        {
          _cc_cli_error (COMMAND, _("--mode: “%s” is not percent, indexed or price"), o.mode);
          goto out;
        }
    }
  if (o.theme)
    {
      if (g_str_equal (o.theme, "light"))
        theme = CC_CHART_THEME_LIGHT;
      else if (g_str_equal (o.theme, "dark"))
        theme = CC_CHART_THEME_DARK;
      else
        {
          _cc_cli_error (COMMAND, _("--theme: “%s” is not light or dark"), o.theme);
          goto out;
        }
    }
  if (!parse_date ("--from", o.from, &from) || !parse_date ("--to", o.to, &to) ||
      !parse_date ("--event", o.event, &event_date))
    goto out;
  if (from != CC_DATE_INVALID && to != CC_DATE_INVALID && from > to)
    {
      _cc_cli_error (COMMAND, _("--from %s is after --to %s"), o.from, o.to);
      goto out;
    }
  if (o.trading_days && o.event == NULL && o.data)
    {
      _cc_cli_error (COMMAND, _("--trading-days needs --event DATE with --data"));
      goto out;
    }

  /* Arguments are fine: from here on failures are about data or files. */
  status = CC_CLI_EXIT_FAILURE;
  /* Fonts load in a thread of their own while the data is read and prepared. */
  fonts = cc_chart_fonts_load (o.width, o.height, format == CC_EXPORT_PNG ? o.scale : 1.0);
  if (o.data)
    dataset = load_csv_dataset (o.data, items, &error);
  else
    dataset = cc_dataset_new_bundled (&error);
  if (dataset == NULL)
    {
      cc_chart_fonts_finish (g_steal_pointer (&fonts));
      _cc_cli_error (COMMAND, "%s", error->message);
      goto out;
    }

  chart = cc_chart_new (dataset);
  cc_chart_use_fonts (chart, g_steal_pointer (&fonts));
  if (o.symbols)
    {
      g_ptr_array_set_size (items, 0);
      for (guint i = 0; o.symbols[i]; i++)
        {
          g_auto(GStrv) parts = g_strsplit (o.symbols[i], ",", -1);

          for (guint p = 0; parts[p]; p++)
            if (*g_strstrip (parts[p]))
              g_ptr_array_add (items, g_strdup (parts[p]));
        }
      for (guint i = 0; i < items->len; i++)
        {
          const char *item = g_ptr_array_index (items, i);

          if (!g_str_has_prefix (item, CC_CHART_BASKET_PREFIX) &&
              cc_dataset_get_series (dataset, item) == NULL)
            {
              _cc_cli_error (COMMAND, _("--symbols: no data for “%s”"), item);
              status = CC_CLI_EXIT_USAGE;
              goto out;
            }
        }
    }
  if (items->len > 0)
    {
      g_ptr_array_add (items, NULL);
      cc_chart_set_items (chart, (const char * const *) items->pdata);
    }
  cc_chart_set_mode (chart, mode);
  cc_chart_set_log_scale (chart, o.log_scale);
  cc_chart_set_theme (chart, theme);
  if (o.trading_days)
    cc_chart_set_time_axis (chart, CC_CHART_AXIS_TRADING_DAYS);
  if (o.title)
    cc_chart_set_title (chart, o.title);
  if (event_date != CC_DATE_INVALID)
    {
      CcEvent *known = cc_dataset_find_event_on (dataset, event_date);

      if (known)
        event = g_object_ref (known);
      else
        {
          /* TRANSLATORS: the label of a date given with --event that is no known event */
          event = cc_event_new (event_date, CC_EVENT_PRECISION_DAY, _("Selected date"));
          cc_event_set_category (event, CC_EVENT_CATEGORY_USER);
        }
      cc_chart_set_event (chart, event);
    }
  else if (o.data)
    cc_chart_set_event (chart, NULL);
  cc_chart_set_range (chart, from, to);

  if (!cc_chart_export (chart, o.output, format, o.width, o.height, o.scale, &error))
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      goto out;
    }
  status = CC_CLI_EXIT_OK;

out:
  export_options_clear (&o);
  return status;
}
