/* cc-portfolio-store-private.h: what the tests need of CcPortfolioStore, to play two Chip Cycle
 * processes saving one portfolios file. */
#pragma once

#include "cc-portfolio-store.h"

G_BEGIN_DECLS

typedef enum {
  CC_PORTFOLIO_STORE_HOOK_READ,      /* another process's version was read, not yet merged */
  CC_PORTFOLIO_STORE_HOOK_LOCK_BUSY, /* another save holds the lock: this one waits for it */
  CC_PORTFOLIO_STORE_HOOK_CHECKED,   /* the stamp matched: the list is about to be written */
  CC_PORTFOLIO_STORE_HOOK_WRITTEN,   /* the list was renamed into place, the lock not yet let go */
} CcPortfolioStoreHookPoint;

/* Called in the save thread, so a test can land another process's save exactly between a
 * save's look at the file and its rename. */
typedef void (*CcPortfolioStoreHook) (CcPortfolioStore          *self,
                                      CcPortfolioStoreHookPoint  point,
                                      gpointer                   user_data);

/* A store of @path of its own, not shared with cc_portfolio_store_get(): what another process
 * holds. */
CcPortfolioStore *_cc_portfolio_store_new_unshared (const char       *path);
/* Runs the default main context until no save is running or waiting. */
void              _cc_portfolio_store_wait         (CcPortfolioStore *self);
/* Calls @hook at each CcPortfolioStoreHookPoint of this store's saves; set it while no save
 * runs. */
void              _cc_portfolio_store_set_test_hook (CcPortfolioStore     *self,
                                                     CcPortfolioStoreHook  hook,
                                                     gpointer              user_data);

G_END_DECLS
