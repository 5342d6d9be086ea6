/* cc-portfolio-store-private.h: what the tests need of CcPortfolioStore, to play two Chip Cycle
 * processes saving one portfolios file. */
#pragma once

#include "cc-portfolio-store.h"

G_BEGIN_DECLS

/* A store of @path of its own, not shared with cc_portfolio_store_get(): what another process
 * holds. */
CcPortfolioStore *_cc_portfolio_store_new_unshared (const char       *path);
/* Runs the default main context until no save is running or waiting. */
void              _cc_portfolio_store_wait         (CcPortfolioStore *self);

G_END_DECLS
