/* cc-cli-portfolio.c: portfolios on the command line, as the commands share them: a holdings
 * file given with --portfolio, or an item "portfolio:NAME" naming one of the portfolios the
 * window saved; and the portfolio's series, measured as the window measures it. */
#define G_LOG_DOMAIN "cc-cli-portfolio"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-exposure.h"
#include "cc-portfolio-file.h"

CcPortfolio *
_cc_cli_load_portfolio (const char *command,
                        const char *path,
                        CcDataset  *dataset,
                        GPtrArray  *problems)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) local = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcPortfolio) portfolio = NULL;
  g_autofree char *data = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = NULL;
  gsize length;

  if (problems == NULL)
    problems = local;
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error))
    {
      _cc_cli_error (command, "--portfolio: %s", error->message);
      return NULL;
    }
  name = g_strdup (basename);
  if (strrchr (name, '.') != NULL && strrchr (name, '.') != name)
    *strrchr (name, '.') = '\0';
  if (g_str_has_suffix (basename, ".json"))
    {
      g_autoptr(GPtrArray) saved = cc_portfolios_from_json_data (data, (gssize) length, basename,
                                                                 &error);

      if (saved != NULL && saved->len == 0)
        {
          _cc_cli_error (command, _("--portfolio: %s holds no portfolio"), basename);
          return NULL;
        }
      if (saved != NULL)
        portfolio = g_object_ref (g_ptr_array_index (saved, 0));
    }
  else
    portfolio = cc_portfolio_import_csv (data, (gssize) length, basename, name, dataset,
                                         problems, &error);
  for (guint i = 0; i < problems->len; i++)
    _cc_cli_error (command, "%s", (const char *) g_ptr_array_index (problems, i));
  if (portfolio == NULL)
    {
      _cc_cli_error (command, "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&portfolio);
}

CcPortfolio *
_cc_cli_find_saved_portfolio (const char *command,
                              const char *option,
                              const char *item)
{
  g_autofree char *path = cc_portfolios_get_user_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *data = NULL;
  const char *name;
  gsize length;

  g_return_val_if_fail (g_str_has_prefix (item, CC_CHART_PORTFOLIO_PREFIX), NULL);

  name = item + strlen (CC_CHART_PORTFOLIO_PREFIX);
  /* Read, never set aside: moving a broken file is the window's job, with the user watching. */
  if (!g_file_get_contents (path, &data, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        _cc_cli_error (command, _("%s: “%s”: there are no saved portfolios (%s); give a "
                                  "holdings file with --portfolio FILE"), option, item, path);
      else
        _cc_cli_error (command, "%s: %s", option, error->message);
      return NULL;
    }
  saved = cc_portfolios_from_json_data (data, (gssize) length, path, &error);
  if (saved == NULL)
    {
      _cc_cli_error (command, "%s: %s", option, error->message);
      return NULL;
    }
  for (guint i = 0; i < saved->len; i++)
    {
      CcPortfolio *portfolio = g_ptr_array_index (saved, i);

      if (g_str_equal (cc_portfolio_get_name (portfolio), name))
        return g_object_ref (portfolio);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, cc_portfolio_get_name (portfolio));
    }
  if (saved->len == 0)
    _cc_cli_error (command, _("%s: “%s”: there are no saved portfolios (%s); give a holdings "
                              "file with --portfolio FILE"), option, item, path);
  else
    /* TRANSLATORS: the option, the item, then the names of the saved portfolios */
    _cc_cli_error (command, _("%s: “%s”: no saved portfolio has that name (saved: %s)"), option,
                   item, names->str);
  return NULL;
}

CcSeries *
_cc_cli_portfolio_series (const char  *command,
                          CcDataset   *dataset,
                          CcPortfolio *portfolio,
                          CcDate       as_of)
{
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) exposure = NULL;

  /* The series does not depend on the scenarios; the built-in ones need no file. */
  exposure = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID, as_of);
  for (guint i = 0; i < exposure->notes->len; i++)
    _cc_cli_error (command, "%s", (const char *) g_ptr_array_index (exposure->notes, i));
  if (exposure->problem != NULL)
    {
      /* TRANSLATORS: the portfolio's name, then why it has no series */
      _cc_cli_error (command, _("portfolio “%s”: %s"), cc_portfolio_get_name (portfolio),
                     exposure->problem);
      return NULL;
    }
  return g_steal_pointer (&exposure->series);
}

gboolean
_cc_cli_resolve_portfolios (const char         *command,
                            const char         *option,
                            CcDataset          *dataset,
                            const char * const *items,
                            CcSeries          **series,
                            CcDate              as_of)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autoptr(CcPortfolio) portfolio = NULL;

      if (!g_str_has_prefix (items[i], CC_CHART_PORTFOLIO_PREFIX))
        continue;
      /* One portfolio at a time, as the window draws one. */
      if (*series != NULL)
        {
          if (g_str_equal (cc_series_get_symbol (*series), items[i]))
            continue;
          _cc_cli_error (command, _("%s: one portfolio at a time (“%s” and “%s”)"), option,
                         cc_series_get_symbol (*series), items[i]);
          return FALSE;
        }
      portfolio = _cc_cli_find_saved_portfolio (command, option, items[i]);
      if (portfolio == NULL)
        return FALSE;
      *series = _cc_cli_portfolio_series (command, dataset, portfolio, as_of);
      if (*series == NULL)
        return FALSE;
    }
  return TRUE;
}
