/* test-locale.c: under LANGUAGE=de (fr) with the de_DE.UTF-8 (fr_FR.UTF-8) locale, the command
 * line tool speaks German (French) and the exported figure carries German (French) words and
 * number formats. The catalogues are the ones this build compiled from po/. */
#define G_LOG_DOMAIN "test-locale"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cc-cli.h"

typedef struct {
  const char *language;
  const char *locale;
  /* What the help must say, in that language (from po/LANG.po). */
  const char *commands_heading;
  const char *export_summary;
  /* Words the exported PDF must hold, and a number written with the locale's decimal comma. */
  const char *reconstructed;
  const char *decimal_pattern;
} Language;

static const Language languages[] = {
  { "de", "de_DE.UTF-8", "Befehle:", "Ein Diagramm in eine PNG-, PDF- oder SVG-Datei zeichnen",
    "rekonstruiert", "[0-9],[0-9]" },
  { "fr", "fr_FR.UTF-8", "Commandes\u00a0:",
    "Dessiner un graphique dans un fichier PNG, PDF ou SVG",
    "reconstitué", "[0-9],[0-9]" },
};

static const Language *
find_language (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].language, code))
      return &languages[i];
  g_assert_not_reached ();
}

/* In the subprocess: switch to @language as a user's session would, with the build's
 * catalogues (the binary's LOCALEDIR is where `meson install` puts them, not the build). */
static void
enter_language (const Language *language)
{
  g_autofree char *po_dir = g_build_filename (g_getenv ("CHIPCYCLE_BUILD_ROOT"), "po", NULL);

  g_setenv ("LANGUAGE", language->language, TRUE);
  g_setenv ("LC_ALL", language->locale, TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("the locale %s is not installed here (Debian: apt-get install locales, enable it "
             "in /etc/locale.gen, run locale-gen)", language->locale);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
test_cli_help (gconstpointer data)
{
  const Language *language = find_language (data);
  g_autofree char *heading = NULL;
  g_autofree char *summary = NULL;

  if (g_test_subprocess ())
    {
      char *argv[] = { (char *) "chipcycle", (char *) "help", NULL };

      enter_language (language);
      exit (cc_cli_run (2, argv));
    }

  heading = g_strconcat ("*", language->commands_heading, "*", NULL);
  summary = g_strconcat ("*", language->export_summary, "*", NULL);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout (heading);
  g_test_trap_assert_stdout (summary);
  /* Nothing of the English help is left. */
  g_test_trap_assert_stdout_unmatched ("*Commands:*");
  g_test_trap_assert_stdout_unmatched ("*Draw a chart*");
}

static void
test_export_pdf (gconstpointer data)
{
  const Language *language = find_language (data);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status = 0;

  if (g_test_subprocess ())
    {
      char *argv[] = { (char *) "chipcycle", (char *) "export", (char *) "--output",
                       (char *) g_getenv ("CC_LOCALE_PDF"), NULL };

      enter_language (language);
      exit (cc_cli_run (G_N_ELEMENTS (argv) - 1, argv));
    }

  tmp = g_dir_make_tmp ("chipcycle-locale-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (tmp, "chart.pdf", NULL);

  g_setenv ("CC_LOCALE_PDF", pdf, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                       &errors, &status, &error))
      g_error ("cannot run pdftotext (Debian: apt-get install poppler-utils): %s",
               error->message);
    g_assert_cmpint (status, ==, 0);
  }
  /* On failure the PDF's text goes to stderr: TAP reads stdout. */
  if (strstr (text, language->reconstructed) == NULL)
    {
      g_printerr ("%s\n", text);
      g_error ("the %s PDF does not say “%s”", language->language, language->reconstructed);
    }
  if (!g_regex_match_simple (language->decimal_pattern, text, 0, 0))
    {
      g_printerr ("%s\n", text);
      g_error ("the %s PDF has no number with a decimal comma", language->language);
    }
  /* No percentage printed with a decimal point. */
  if (g_regex_match_simple ("[0-9]\\.[0-9]+ ?%", text, 0, 0))
    {
      g_printerr ("%s\n", text);
      g_error ("the %s PDF prints a percentage with a decimal point", language->language);
    }

  g_unlink (pdf);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *help = g_strdup_printf ("/locale/%s/cli-help", languages[i].language);
      g_autofree char *export = g_strdup_printf ("/locale/%s/export-pdf", languages[i].language);

      g_test_add_data_func (help, languages[i].language, test_cli_help);
      g_test_add_data_func (export, languages[i].language, test_export_pdf);
    }

  return g_test_run ();
}
