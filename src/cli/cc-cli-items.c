/* cc-cli-items.c: checks the tickers and baskets a command is given against the data, so that
 * a typo is an error that names it (and the nearest known item) instead of an empty chart. */
#define G_LOG_DOMAIN "cc-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-derived.h"

/* Levenshtein distance of @a and @b, ignoring ASCII case. */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[lb];
}

/* The known item nearest to @item, when it is near enough to be a typo: a ticker for a ticker,
 * a basket for a basket, compared without the "basket:" prefix. */
static const char *
nearest (const char *item,
         GPtrArray  *known)
{
  gsize prefix = strlen (CC_CHART_BASKET_PREFIX);
  gboolean basket = g_str_has_prefix (item, CC_CHART_BASKET_PREFIX);
  const char *name = basket ? item + prefix : item;
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint limit = MAX (1, (guint) strlen (name) / 3);

  for (guint i = 0; i < known->len; i++)
    {
      const char *candidate = g_ptr_array_index (known, i);
      guint distance;

      if (g_str_has_prefix (candidate, CC_CHART_BASKET_PREFIX) != basket)
        continue;
      distance = edit_distance (name, basket ? candidate + prefix : candidate);
      if (distance < best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }
  return best_distance <= limit ? best : NULL;
}

/* Adds to @problems why @item (a ticker or basket:GROUP) cannot be drawn, if it cannot. */
static void
check_one (const char *item,
           GPtrArray  *known,
           GPtrArray  *baskets,
           GString    *problems)
{
  const char *suggestion;
  gboolean found = FALSE;

  for (guint k = 0; k < known->len && !found; k++)
    found = g_str_equal (g_ptr_array_index (known, k), item);
  if (found)
    return;

  if (problems->len > 0)
    g_string_append (problems, "; ");
  suggestion = nearest (item, known);
  if (g_str_has_prefix (item, CC_CHART_BASKET_PREFIX))
    {
      if (suggestion != NULL)
        /* Translators: %1$s is what the user typed, %2$s a known basket. */
        g_string_append_printf (problems, _("no basket “%1$s” (did you mean %2$s?)"), item,
                                suggestion);
      else if (baskets->len > 0)
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (baskets, NULL);
          list = g_strjoinv (", ", (char **) baskets->pdata);
          g_ptr_array_remove_index (baskets, baskets->len - 1);
          /* Translators: %1$s is what the user typed, %2$s the list of known baskets. */
          g_string_append_printf (problems, _("no basket “%1$s” (baskets with data: %2$s)"),
                                  item, list);
        }
      else
        g_string_append_printf (problems, _("no basket “%s” (no basket has data)"), item);
    }
  else if (suggestion != NULL)
    /* Translators: %1$s is what the user typed, %2$s a symbol that has data. */
    g_string_append_printf (problems, _("no data for “%1$s” (did you mean %2$s?)"), item,
                            suggestion);
  else
    g_string_append_printf (problems, _("no data for “%s”"), item);
}

gboolean
_cc_cli_check_items (const char         *command,
                     const char         *option,
                     CcDataset          *dataset,
                     const char * const *items)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (dataset);
  g_autoptr(GPtrArray) symbols = cc_dataset_list_symbols (dataset);
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) baskets = g_ptr_array_new ();
  g_autoptr(GString) problems = g_string_new (NULL);

  /* What can be drawn: every symbol with data, and every group basket with a member that
   * has data. */
  for (guint i = 0; i < symbols->len; i++)
    {
      CcSeries *series = cc_dataset_get_series (dataset, g_ptr_array_index (symbols, i));

      if (series != NULL && cc_series_get_n_points (series) > 0)
        g_ptr_array_add (known, g_strdup (g_ptr_array_index (symbols, i)));
    }
  for (guint g = 0; g < cc_catalogue_get_n_groups (); g++)
    {
      const char *group = cc_catalogue_get_group_id (g);
      g_autofree const char **tickers = cc_catalogue_get_group_tickers (catalogue, group);

      for (guint t = 0; tickers != NULL && tickers[t]; t++)
        {
          CcSeries *series = cc_dataset_get_series (dataset, tickers[t]);

          if (series != NULL && cc_series_get_n_points (series) > 0)
            {
              char *basket = g_strconcat (CC_CHART_BASKET_PREFIX, group, NULL);

              g_ptr_array_add (known, basket);
              g_ptr_array_add (baskets, basket);
              break;
            }
        }
    }

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autoptr(GError) error = NULL;

      /* A ratio or spread: the pair must be well formed, and each side known. */
      if (cc_derived_parse (items[i], &a, &b, &error) != CC_DERIVED_NONE)
        {
          check_one (a, known, baskets, problems);
          check_one (b, known, baskets, problems);
        }
      else if (error != NULL)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, error->message);
        }
      else if (!g_str_has_prefix (items[i], CC_CHART_PORTFOLIO_PREFIX))
        check_one (items[i], known, baskets, problems);
    }

  if (problems->len == 0)
    return TRUE;
  _cc_cli_error (command, "%s: %s", option, problems->str);
  return FALSE;
}
