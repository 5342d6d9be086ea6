/* cc-catalogue.c: the default symbol catalogue (^SOX, memory makers, GPU and chip designers,
 * equipment makers, neoclouds, miners turned AI hosts, Meta) and the user's own tickers. */
#define G_LOG_DOMAIN "cc-catalogue"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-catalogue.h"

struct _CcSymbol
{
  GObject   parent_instance;

  char     *ticker;
  char     *name;
  char     *group_id;
  gboolean  is_user;
};

G_DEFINE_FINAL_TYPE (CcSymbol, cc_symbol, G_TYPE_OBJECT)

static void
cc_symbol_finalize (GObject *object)
{
  CcSymbol *self = (CcSymbol *) object;

  g_free (self->ticker);
  g_free (self->name);
  g_free (self->group_id);

  G_OBJECT_CLASS (cc_symbol_parent_class)->finalize (object);
}

static void
cc_symbol_class_init (CcSymbolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_symbol_finalize;
}

static void
cc_symbol_init (CcSymbol *self)
{
}

static CcSymbol *
cc_symbol_new (const char *ticker,
               const char *name,
               const char *group_id,
               gboolean    is_user)
{
  CcSymbol *self = g_object_new (CC_TYPE_SYMBOL, NULL);

  self->ticker = g_strdup (ticker);
  self->name = g_strdup (name ? name : ticker);
  self->group_id = g_strdup (group_id);
  self->is_user = is_user;
  return self;
}

const char *
cc_symbol_get_ticker (CcSymbol *self)
{
  g_return_val_if_fail (CC_IS_SYMBOL (self), NULL);
  return self->ticker;
}

const char *
cc_symbol_get_name (CcSymbol *self)
{
  g_return_val_if_fail (CC_IS_SYMBOL (self), NULL);
  return self->name;
}

const char *
cc_symbol_get_group_id (CcSymbol *self)
{
  g_return_val_if_fail (CC_IS_SYMBOL (self), NULL);
  return self->group_id;
}

gboolean
cc_symbol_get_is_user (CcSymbol *self)
{
  g_return_val_if_fail (CC_IS_SYMBOL (self), FALSE);
  return self->is_user;
}

/* -------------------------------------------------------------------------------------------- */

struct _CcCatalogue
{
  GObject     parent_instance;

  GListStore *symbols;
};

G_DEFINE_FINAL_TYPE (CcCatalogue, cc_catalogue, G_TYPE_OBJECT)

static const CcGroupInfo groups[] = {
  { CC_GROUP_INDEX, N_("Index") },
  { CC_GROUP_MEMORY, N_("Memory") },
  { CC_GROUP_GPU, N_("GPU & chip designers") },
  { CC_GROUP_EQUIPMENT, N_("Equipment") },
  { CC_GROUP_NEOCLOUD, N_("Neoclouds") },
  { CC_GROUP_MINERS, N_("Miners turned AI hosts") },
  { CC_GROUP_HYPERSCALER, N_("Hyperscaler") },
  { CC_GROUP_USER, N_("My tickers") },
};

static const struct {
  const char *ticker;
  const char *name;
  const char *group_id;
} default_symbols[] = {
  { CC_SYMBOL_SOX, "PHLX Semiconductor Index", CC_GROUP_INDEX },
  { "MU", "Micron Technology", CC_GROUP_MEMORY },
  { "SNDK", "Sandisk", CC_GROUP_MEMORY },
  { "NVDA", "Nvidia", CC_GROUP_GPU },
  { "AMD", "Advanced Micro Devices", CC_GROUP_GPU },
  { "TSM", "Taiwan Semiconductor Manufacturing", CC_GROUP_GPU },
  { "AVGO", "Broadcom", CC_GROUP_GPU },
  { "KLAC", "KLA", CC_GROUP_EQUIPMENT },
  { "LRCX", "Lam Research", CC_GROUP_EQUIPMENT },
  { "AMAT", "Applied Materials", CC_GROUP_EQUIPMENT },
  { "CRWV", "CoreWeave", CC_GROUP_NEOCLOUD },
  { "NBIS", "Nebius Group", CC_GROUP_NEOCLOUD },
  { "IREN", "IREN", CC_GROUP_MINERS },
  { "CORZ", "Core Scientific", CC_GROUP_MINERS },
  { "WULF", "TeraWulf", CC_GROUP_MINERS },
  { "META", "Meta Platforms", CC_GROUP_HYPERSCALER },
};

static void
cc_catalogue_dispose (GObject *object)
{
  CcCatalogue *self = (CcCatalogue *) object;

  g_clear_object (&self->symbols);

  G_OBJECT_CLASS (cc_catalogue_parent_class)->dispose (object);
}

static void
cc_catalogue_class_init (CcCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_catalogue_dispose;
}

static void
cc_catalogue_init (CcCatalogue *self)
{
  self->symbols = g_list_store_new (CC_TYPE_SYMBOL);
}

CcCatalogue *
cc_catalogue_new (void)
{
  return g_object_new (CC_TYPE_CATALOGUE, NULL);
}

CcCatalogue *
cc_catalogue_new_default (void)
{
  CcCatalogue *self = cc_catalogue_new ();

  for (guint i = 0; i < G_N_ELEMENTS (default_symbols); i++)
    {
      g_autoptr(CcSymbol) symbol = cc_symbol_new (default_symbols[i].ticker,
                                                  default_symbols[i].name,
                                                  default_symbols[i].group_id, FALSE);
      g_list_store_append (self->symbols, symbol);
    }
  return self;
}

CcCatalogue *
cc_catalogue_copy (CcCatalogue *self)
{
  CcCatalogue *copy;
  guint n;

  g_return_val_if_fail (CC_IS_CATALOGUE (self), NULL);

  copy = cc_catalogue_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (G_LIST_MODEL (self->symbols), i);

      g_list_store_append (copy->symbols, symbol);
    }
  return copy;
}

guint
cc_catalogue_get_n_groups (void)
{
  return G_N_ELEMENTS (groups);
}

const char *
cc_catalogue_get_group_id (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (groups), NULL);
  return groups[index].id;
}

const char *
cc_catalogue_group_get_label (const char *group_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (groups[i].id, group_id) == 0)
      return _(groups[i].name);
  return NULL;
}

GListModel *
cc_catalogue_get_symbols (CcCatalogue *self)
{
  g_return_val_if_fail (CC_IS_CATALOGUE (self), NULL);
  return G_LIST_MODEL (self->symbols);
}

CcSymbol *
cc_catalogue_lookup (CcCatalogue *self,
                     const char  *ticker)
{
  guint n;

  g_return_val_if_fail (CC_IS_CATALOGUE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (G_LIST_MODEL (self->symbols), i);

      if (g_ascii_strcasecmp (symbol->ticker, ticker) == 0)
        return symbol;   /* the store keeps it alive */
    }
  return NULL;
}

const char **
cc_catalogue_get_group_tickers (CcCatalogue *self,
                                const char  *group_id)
{
  GPtrArray *tickers = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (CC_IS_CATALOGUE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (G_LIST_MODEL (self->symbols), i);

      if (g_strcmp0 (symbol->group_id, group_id) == 0)
        g_ptr_array_add (tickers, symbol->ticker);
    }
  g_ptr_array_add (tickers, NULL);
  return (const char **) g_ptr_array_free (tickers, FALSE);
}

gboolean
cc_ticker_is_valid (const char *ticker)
{
  gsize len;

  if (ticker == NULL)
    return FALSE;
  len = strlen (ticker);
  if (len == 0 || len > 15)
    return FALSE;
  for (const char *p = ticker; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr (".-^=", *p))
      return FALSE;
  return TRUE;
}

CcSymbol *
cc_catalogue_add_user_symbol (CcCatalogue *self,
                              const char  *ticker,
                              const char  *name,
                              GError     **error)
{
  g_autofree char *upper = NULL;
  g_autoptr(CcSymbol) symbol = NULL;
  CcSymbol *existing;

  g_return_val_if_fail (CC_IS_CATALOGUE (self), NULL);

  upper = ticker ? g_ascii_strup (g_strstrip (g_strdup (ticker)), -1) : NULL;
  if (!cc_ticker_is_valid (upper))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a ticker symbol: use up to 15 letters, digits, “.”, “-”, “^” or “=”"),
                   ticker ? ticker : "");
      return NULL;
    }

  existing = cc_catalogue_lookup (self, upper);
  if (existing != NULL)
    return existing;

  symbol = cc_symbol_new (upper, name, CC_GROUP_USER, TRUE);
  g_list_store_append (self->symbols, symbol);
  return symbol;
}

gboolean
cc_catalogue_remove_user_symbol (CcCatalogue *self,
                                 const char  *ticker)
{
  guint n;

  g_return_val_if_fail (CC_IS_CATALOGUE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (G_LIST_MODEL (self->symbols), i);

      if (symbol->is_user && g_ascii_strcasecmp (symbol->ticker, ticker) == 0)
        {
          g_list_store_remove (self->symbols, i);
          return TRUE;
        }
    }
  return FALSE;
}
