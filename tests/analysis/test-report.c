/* test-report.c: the analysis pages of the PDF report, drawn into real cairo surfaces. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc-bundled-dataset.h"
#include "cc-print-private.h"
#include "cc-report-private.h"
#include "../cc-test-pdf.h"

static CcAnalysis *
bundled_analysis (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();

  g_assert_no_error (error);
  return cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1), cc_date_from_ymd (2026, 10, 5),
                          NULL, rules);
}

static guint
count_ink (cairo_surface_t *surface)
{
  unsigned char *data;
  int stride, w, h;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + x * 4);
        if ((px & 0xff) < 0xc0)   /* darker than light grey in the blue channel */
          n++;
      }
  return n;
}

static void
test_pdf_pages (void)
{
  g_autoptr(CcAnalysis) analysis = bundled_analysis ();
  g_autofree char *dir = g_dir_make_tmp ("cc-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize length;
  int pages;
  guint page_objects = 0;

  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  pages = cc_report_render (cr, analysis, 595, 842);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* Phases, scenarios, monitors, history and 21 table rows do not fit on one A4 page. */
  g_assert_cmpint (pages, >=, 2);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The file holds compressed (binary) streams: search bytes, not a C string. */
  for (gsize i = 0; i + 12 < length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      page_objects++;
  if (g_getenv ("CC_REPORT_PDF"))
    g_assert_true (g_file_set_contents (g_getenv ("CC_REPORT_PDF"), contents, length, NULL));
  g_assert_cmpuint (page_objects, ==, (guint) pages);

  if (g_getenv ("CC_REPORT_PDF"))
    g_assert_true (g_file_set_contents (g_getenv ("CC_REPORT_PDF"), contents, length, NULL));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_append_to_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcDataset) empty = cc_dataset_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create (NULL, 595, 842);
  cairo_t *cr = cairo_create (surface);

  g_assert_no_error (error);
  /* No event given: the dataset's default one (Meta Compute). */
  g_assert_true (cc_report_append_analysis (cr, dataset, CC_DATE_INVALID, CC_DATE_INVALID, NULL,
                                            595, 842, &error));
  g_assert_no_error (error);
  /* Nothing to analyse: a clear error, no crash. */
  g_assert_false (cc_report_append_analysis (cr, empty, CC_DATE_INVALID, CC_DATE_INVALID, NULL,
                                             595, 842, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "^SOX"));

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
}

static char *
run_pdftotext (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The PDF report has the assessment timeline: its section, the days it covers and the as-of
 * day it marks, and the strips' legends, as text. */
static void
test_report_timeline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autofree char *dir = g_dir_make_tmp ("cc-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      g_rmdir (dir);
      return;
    }
  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  g_assert_true (cc_report_append_analysis (cr, dataset, CC_DATE_INVALID,
                                            cc_date_from_ymd (2026, 9, 15), NULL, 595, 842,
                                            &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = run_pdftotext (path);
  g_assert_nonnull (text);
  /* The page wraps sentences: read the text with every run of white space as one space. */
  {
    GRegex *spaces = g_regex_new ("\\s+", 0, 0, NULL);
    char *flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);

    g_regex_unref (spaces);
    g_free (text);
    text = flat;
  }
  g_assert_nonnull (strstr (text, "Assessment over time"));
  /* Every trading day of the bundled year, and the as-of day asked for. */
  g_assert_nonnull (strstr (text, "2025-10-06 to 2026-10-05"));
  g_assert_nonnull (strstr (text, "The dark line marks the as-of day, 2026-09-15"));
  g_assert_nonnull (strstr (text, "Speculative overbuild"));
  g_assert_nonnull (strstr (text, "Bear case"));
  g_unlink (path);
  g_rmdir (dir);
}


static char *
run_tool (const char *tool,
          const char *first,
          const char *pdf,
          const char *second)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[6] = { tool, NULL };
  guint n = 1;
  int status;

  if (first)
    argv[n++] = first;
  argv[n++] = pdf;
  if (second)
    argv[n++] = second;
  argv[n] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
flatten (const char *text)
{
  GRegex *spaces = g_regex_new ("\\s+", 0, 0, NULL);
  char *flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);

  g_regex_unref (spaces);
  return flat;
}

static guint
count_string (const char *haystack,
              const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext && pdfinfo)
    return TRUE;
  g_test_skip ("pdftotext or pdfinfo not installed (apt-get install poppler-utils)");
  return FALSE;
}

/* The whole report as the window and `chipcycle export --analysis` write it: one page size
 * throughout, every page numbered, the document's title, author and subject set, and no item
 * name cut short. */
static void
test_pdf_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcChart) chart = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cc-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *note = NULL;
  g_autofree char *info = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) size_lines = NULL;
  g_autofree char *first_size = NULL;
  guint n_pages = 0, n_sizes = 0;
  const char *names[] = { "^SOX", "Memory basket", "GPU & chip designers basket", "META" };

  g_assert_no_error (error);
  if (!have_poppler ())
    {
      g_rmdir (dir);
      return;
    }
  chart = cc_chart_new (dataset);
  g_assert_true (cc_report_export_pdf (chart, file, CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT, NULL,
                                       &note, &error));
  g_assert_no_error (error);
  g_assert_null (note);
  if (g_getenv ("CC_REPORT_PDF"))
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (g_getenv ("CC_REPORT_PDF"), contents, length, NULL));
    }

  info = run_tool ("pdfinfo", NULL, path, NULL);
  g_assert_nonnull (strstr (info, "Title:           Meta Compute announced\n"));
  cc_test_assert_pdf_metadata (path, "Meta Compute announced",
                               "A chart of chip stocks and the phase and scenario assessment*");
  g_assert_true (g_regex_match_simple ("^Subject: +.*assessment.*data to 2026-10-05$", info,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Pages: +[0-9]+$", info, G_REGEX_MULTILINE, 0));
  n_pages = atoi (strstr (info, "Pages:") + strlen ("Pages:"));
  g_assert_cmpuint (n_pages, >=, 3);

  /* Every page the same size, A4 portrait. */
  {
    g_autofree char *last = g_strdup_printf ("%u", n_pages);

    {
      const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, path, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &sizes, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  }
  size_lines = g_strsplit (sizes, "\n", -1);
  for (guint i = 0; size_lines[i]; i++)
    {
      const char *size = strstr (size_lines[i], " size:");

      if (!g_str_has_prefix (size_lines[i], "Page ") || size == NULL)
        continue;
      if (first_size == NULL)
        first_size = g_strdup (size);
      g_assert_cmpstr (size, ==, first_size);
      n_sizes++;
    }
  g_assert_cmpuint (n_sizes, ==, n_pages);
  g_assert_nonnull (strstr (first_size, "595.28 x 841.89 pts (A4)"));

  text = run_tool ("pdftotext", NULL, path, "-");
  pages = g_strsplit (text, "\f", -1);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n_pages);

      g_assert_nonnull (pages[p]);
      g_assert_nonnull (strstr (pages[p], number));
    }
  /* No text is ellipsized, and each item of the event study is named in full. */
  g_assert_null (strstr (text, "…"));
  flat = flatten (text);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *row = g_strdup_printf ("%s †", names[i]);

      g_assert_nonnull (strstr (flat, row));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* Page breaks keep the event-study table's last rows together with the note under it, and
 * never strand fewer than three rows at the top of a page, whatever the page height. Every
 * row of the bundled study is marked † (rebuilt days), and so is the note, once. */
/* The Author of every PDF: the account's full name when the system has one, else the
 * program; never an invented person. */
static void
test_pdf_author (void)
{
  g_assert_cmpstr (_cc_print_author_for (NULL), ==, "Chip Cycle");
  g_assert_cmpstr (_cc_print_author_for (""), ==, "Chip Cycle");
  g_assert_cmpstr (_cc_print_author_for ("Unknown"), ==, "Chip Cycle");
  g_assert_cmpstr (_cc_print_author_for ("Ada Lovelace"), ==, "Ada Lovelace");
  g_assert_cmpstr (_cc_print_author_for ("Renée Müller"), ==, "Renée Müller");
}

static void
test_no_orphan_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  g_autoptr(CcAnalysis) analysis = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cc-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  const char *items[] = { "^SOX", "MU", "SNDK", "NVDA", "AMD", "TSM", "AVGO", "KLAC", "LRCX",
                          "AMAT", "CRWV", "NBIS", "IREN", "CORZ", "WULF", "META",
                          "basket:memory", "basket:gpu", "basket:equipment", NULL };
  guint split = 0;

  g_assert_no_error (error);
  if (!have_poppler ())
    {
      g_rmdir (dir);
      return;
    }
  analysis = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                              cc_date_from_ymd (2026, 10, 5), items, rules);
  g_assert_cmpuint (analysis->rows->len, >=, 12);

  /* Every item named whole, on A4 and on Letter. (The PDF's text cannot tell: Cairo keeps a
   * cut name's full text behind its ellipsis.) */
  {
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 595, 842);
    cairo_t *cr = cairo_create (surface);

    g_assert_cmpuint (_cc_report_count_cut_names (cr, analysis, CC_PAGE_A4_HEIGHT), ==, 0);
    g_assert_cmpuint (_cc_report_count_cut_names (cr, analysis, CC_PAGE_LETTER_HEIGHT), ==, 0);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  for (double height = 560; height <= 842; height += 10)
    {
      cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, height);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *text = NULL;
      g_auto(GStrv) pages = NULL;
      int n_pages, table_page = -1;

      n_pages = cc_report_render (cr, analysis, 595, height);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);

      text = run_tool ("pdftotext", NULL, path, "-");
      pages = g_strsplit (text, "\f", -1);
      g_assert_cmpuint (g_strv_length (pages), >=, (guint) n_pages);
      for (int p = 0; p < n_pages; p++)
        if (strstr (pages[p], "CAR 0,+20") != NULL)
          {
            guint rows = count_string (pages[p], "†");
            gboolean has_note = strstr (pages[p], "Returns are close to close") != NULL;

            if (table_page < 0)
              table_page = p;
            else
              split++;
            if (has_note)
              rows--;
            g_assert_cmpuint (rows, >=, 3);
          }
      g_assert_cmpint (table_page, >=, 0);
    }
  /* Some of those heights split the table. */
  g_assert_cmpuint (split, >, 0);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_history_plot_draws (void)
{
  g_autoptr(CcAnalysis) analysis = bundled_analysis ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 500, 200);
  cairo_t *cr = cairo_create (surface);
  CcReportInk ink;
  guint before, after;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  before = count_ink (surface);
  cc_report_ink_init_print (&ink);
  cc_report_draw_history (cr, analysis, 500, 200, &ink);
  after = count_ink (surface);
  /* Four paths, the grid and labels: thousands of dark pixels on a white page. */
  g_assert_cmpuint (before, ==, 0);
  g_assert_cmpuint (after, >, 2000);

  if (g_getenv ("CC_REPORT_PNG"))
    cairo_surface_write_to_png (surface, g_getenv ("CC_REPORT_PNG"));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_abnormal_plot_draws (void)
{
  g_autoptr(CcAnalysis) analysis = bundled_analysis ();
  CcReportInk ink;

  cc_report_ink_init_print (&ink);
  for (guint i = 0; i < 2; i++)
    {
      const CcEventStudyRow *row = cc_analysis_find_row (analysis, i == 0 ? "KLAC" : "^SOX");
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 170);
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cc_report_draw_abnormal (cr, row, 400, 170, &ink);
      /* KLAC has a model: bars, a line, axes. The market row has none: nothing. */
      if (i == 0)
        g_assert_cmpuint (count_ink (surface), >, 800);
      else
        g_assert_cmpuint (count_ink (surface), ==, 0);
      if (i == 0 && g_getenv ("CC_ABNORMAL_PNG"))
        cairo_surface_write_to_png (surface, g_getenv ("CC_ABNORMAL_PNG"));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_page_png (void)
{
  g_autoptr(CcAnalysis) analysis = bundled_analysis ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* On an image surface show_page leaves the drawing in place: the last page stays visible,
   * and the first one draws over white. */
  g_assert_cmpint (cc_report_render (cr, analysis, 595, 842), >=, 2);
  g_assert_cmpuint (count_ink (surface), >, 5000);
  if (g_getenv ("CC_REPORT_PAGE_PNG"))
    cairo_surface_write_to_png (surface, g_getenv ("CC_REPORT_PAGE_PNG"));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/pdf-pages", test_pdf_pages);
  g_test_add_func ("/report/pdf-author", test_pdf_author);
  g_test_add_func ("/report/append-to-pdf", test_append_to_pdf);
  g_test_add_func ("/report/timeline", test_report_timeline);
  g_test_add_func ("/report/pdf-document", test_pdf_document);
  g_test_add_func ("/report/no-orphan-rows", test_no_orphan_rows);
  g_test_add_func ("/report/history-plot", test_history_plot_draws);
  g_test_add_func ("/report/abnormal-plot", test_abnormal_plot_draws);
  g_test_add_func ("/report/page-png", test_page_png);

  return g_test_run ();
}
