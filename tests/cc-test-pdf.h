/* cc-test-pdf.h: a PDF's document information (Title, Author, Subject) as pdfinfo reads it, for
 * the tests of every suite that write a PDF: the chart, the report, the window and the CLI. */
#pragma once

#include <glib.h>
#include <string.h>

/* pdfinfo's output for @path in UTF-8, or NULL (and the test marked skipped) without pdfinfo. */
static inline char *
cc_test_pdf_info (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  const char *argv[] = { "pdfinfo", "-enc", "UTF-8", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo not installed (apt-get install poppler-utils)");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The value of @key ("Title") in pdfinfo's @info, or NULL when the PDF has none. */
static inline char *
cc_test_pdf_field (const char *info,
                   const char *key)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  gsize key_len = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], key, key_len) == 0 && lines[i][key_len] == ':')
      return g_strdup (g_strstrip (lines[i] + key_len + 1));
  return NULL;
}

/* The author a PDF of ours must name, stated here apart from the code: the account's full name
 * when the system has one (GLib says "Unknown" when it does not), else the program's name. */
static inline const char *
cc_test_pdf_expected_author (void)
{
  const char *real = g_get_real_name ();

  if (real == NULL || *real == '\0' || strcmp (real, "Unknown") == 0)
    return "Chip Cycle";
  return real;
}

/* Asserts @path's Title is @title, its Author the one above and its Subject @subject (or,
 * when @subject ends in '*', starts with the rest). FALSE when pdfinfo is missing. */
static inline gboolean
cc_test_assert_pdf_metadata (const char *path,
                             const char *title,
                             const char *subject)
{
  g_autofree char *info = cc_test_pdf_info (path);
  g_autofree char *got_title = NULL;
  g_autofree char *got_author = NULL;
  g_autofree char *got_subject = NULL;
  gsize n = strlen (subject);

  if (info == NULL)
    return FALSE;
  got_title = cc_test_pdf_field (info, "Title");
  got_author = cc_test_pdf_field (info, "Author");
  got_subject = cc_test_pdf_field (info, "Subject");
  g_assert_cmpstr (got_title, ==, title);
  g_assert_cmpstr (got_author, ==, cc_test_pdf_expected_author ());
  g_assert_nonnull (got_subject);
  if (n > 0 && subject[n - 1] == '*')
    g_assert_true (strncmp (got_subject, subject, n - 1) == 0);
  else
    g_assert_cmpstr (got_subject, ==, subject);
  return TRUE;
}
