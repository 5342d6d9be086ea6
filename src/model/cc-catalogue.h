/* cc-catalogue.h: the symbols Chip Cycle knows and the groups they belong to. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;          /* stable key, e.g. "memory" */
  const char *name;        /* untranslated; use cc_catalogue_group_get_label() */
} CcGroupInfo;

#define CC_GROUP_INDEX       "index"
#define CC_GROUP_MEMORY      "memory"
#define CC_GROUP_GPU         "gpu"
#define CC_GROUP_EQUIPMENT   "equipment"
#define CC_GROUP_NEOCLOUD    "neocloud"
#define CC_GROUP_MINERS      "miners"
#define CC_GROUP_HYPERSCALER "hyperscaler"
#define CC_GROUP_USER        "user"

#define CC_SYMBOL_SOX "^SOX"

#define CC_TYPE_SYMBOL (cc_symbol_get_type ())
G_DECLARE_FINAL_TYPE (CcSymbol, cc_symbol, CC, SYMBOL, GObject)

const char *cc_symbol_get_ticker   (CcSymbol *self);
const char *cc_symbol_get_name     (CcSymbol *self);
const char *cc_symbol_get_group_id (CcSymbol *self);
gboolean    cc_symbol_get_is_user  (CcSymbol *self);

#define CC_TYPE_CATALOGUE (cc_catalogue_get_type ())
G_DECLARE_FINAL_TYPE (CcCatalogue, cc_catalogue, CC, CATALOGUE, GObject)

/* The default catalogue (^SOX and its six groups), as a new object the caller may extend. */
CcCatalogue *cc_catalogue_new_default     (void);
CcCatalogue *cc_catalogue_new             (void);
/* A catalogue with the same symbols (which never change), for another thread to read. */
CcCatalogue *cc_catalogue_copy            (CcCatalogue *self);
/* The groups in display order (excluding the user group when it is empty). */
guint        cc_catalogue_get_n_groups    (void);
const char  *cc_catalogue_get_group_id    (guint        index);
/* Translated group name, e.g. "Memory". NULL for an unknown id. */
const char  *cc_catalogue_group_get_label (const char  *group_id);
/* A GListModel of CcSymbol in catalogue order. */
GListModel  *cc_catalogue_get_symbols     (CcCatalogue *self);
CcSymbol    *cc_catalogue_lookup          (CcCatalogue *self,
                                           const char  *ticker);
/* Tickers of @group_id, in order; NULL-terminated, free with g_free() (strings not owned). */
const char **cc_catalogue_get_group_tickers (CcCatalogue *self,
                                           const char  *group_id);
/* Adds a user ticker (upper-cased) to the user group. Returns the existing symbol if known.
 * Fails on an empty or malformed ticker. */
CcSymbol    *cc_catalogue_add_user_symbol (CcCatalogue *self,
                                           const char  *ticker,
                                           const char  *name,
                                           GError     **error);
gboolean     cc_catalogue_remove_user_symbol (CcCatalogue *self,
                                           const char  *ticker);
/* Whether @ticker looks like a ticker: 1-15 of A-Z 0-9 . - ^ = */
gboolean     cc_ticker_is_valid           (const char  *ticker);

G_END_DECLS
