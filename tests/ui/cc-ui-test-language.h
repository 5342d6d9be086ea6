/* cc-ui-test-language.h: ui tests run once per language (English, German, French), each in a
 * process of its own with the build's catalogues, for checks of what fits where. A test
 * includes it after cc-ui-test.h and either makes its main() cc_ui_test_run_per_language() or
 * calls gtk_disable_setlocale() first in main() and adds its function with
 * cc_ui_test_add_per_language(). */
#pragma once

#include <glib/gi18n.h>
#include <locale.h>

typedef struct {
  const char *language;   /* LANGUAGE */
  const char *locale;     /* LC_ALL */
  const char *analysis;   /* "Analysis" in that language: proves the catalogue is in use */
} CcUiTestLanguage;

static const CcUiTestLanguage cc_ui_test_languages[] = {
  { "en", "en_US.UTF-8", "Analysis" },
  { "de", "de_DE.UTF-8", "Analyse" },
  { "fr", "fr_FR.UTF-8", "Analyse" },
};

/* In the test's own process: runs the test again in a subprocess for @lang (skipped when the
 * locale is not installed), asserts that it passed and returns FALSE. In that subprocess:
 * switches to @lang with the build's catalogues and returns TRUE, for the test to go on. */
static inline gboolean
cc_ui_test_enter_language (const CcUiTestLanguage *lang)
{
  g_autofree char *po_dir = NULL;

  if (!g_test_subprocess ())
    {
      if (setlocale (LC_ALL, lang->locale) == NULL)
        {
          g_test_skip ("the locale is not installed (locale-gen)");
          return FALSE;
        }
      setlocale (LC_ALL, "C.UTF-8");
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return FALSE;
    }

  po_dir = g_build_filename (g_getenv ("CHIPCYCLE_BUILD_ROOT"), "po", NULL);
  g_setenv ("LANGUAGE", lang->language, TRUE);
  g_assert_nonnull (setlocale (LC_ALL, lang->locale));
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_("Analysis"), ==, lang->analysis);
  return TRUE;
}

/* Adds @func as PREFIX/en, PREFIX/de and PREFIX/fr, each given its CcUiTestLanguage. */
static inline void
cc_ui_test_add_per_language (const char    *prefix,
                             GTestDataFunc  func)
{
  for (guint i = 0; i < G_N_ELEMENTS (cc_ui_test_languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", prefix,
                                               cc_ui_test_languages[i].language);

      g_test_add_data_func (path, &cc_ui_test_languages[i], func);
    }
}

/* The whole main() of a test that needs nothing else: GTK's own locale setting off (the test
 * sets it per language), a display, and @func as PREFIX/en, /de and /fr. */
static inline int
cc_ui_test_run_per_language (int            *argc,
                             char         ***argv,
                             const char     *prefix,
                             GTestDataFunc   func)
{
  g_test_init (argc, argv, NULL);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_disable_setlocale ();
  if (!cc_ui_test_open_display ())
    return 77;
  cc_ui_test_add_per_language (prefix, func);
  return g_test_run ();
}
