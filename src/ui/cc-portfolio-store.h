/* cc-portfolio-store.h: the user's portfolios as the whole application holds them: one list
 * per file, shared by every window's Portfolio page, so an edit in one window is seen in the
 * others and a save never drops another window's edit. Saves run in a thread, one at a time,
 * each writing the list as it is then. A save finding that another process (a second Chip
 * Cycle) wrote the file since this one read or wrote it writes nothing: the store merges that
 * version in by portfolio name (their new portfolios and their edits of ones left alone here
 * are taken, and where both changed one both versions are kept), says so with ::notice and
 * saves again. That look and the write are one step for every Chip Cycle: a save holds an
 * exclusive lock on "portfolios.json.lock" beside the file from the one to the other, so no
 * other save can land between them. The store also watches the file, and takes another
 * process's save in the same way as it lands, writing nothing when it has no change of its
 * own. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CC_TYPE_PORTFOLIO_STORE (cc_portfolio_store_get_type ())
G_DECLARE_FINAL_TYPE (CcPortfolioStore, cc_portfolio_store, CC, PORTFOLIO_STORE, GObject)

/* The store of the portfolios saved at @path (NULL: cc_portfolios_get_user_path()): the one
 * already open in this process, or a new one read from the file (a file that cannot be read is
 * set aside, see cc_portfolios_load_user()). Returns a new reference. */
CcPortfolioStore *cc_portfolio_store_get         (const char       *path);
/* The portfolios (CcPortfolio), in order. Callers change them (or the array) in place, then
 * call cc_portfolio_store_changed(). */
GPtrArray        *cc_portfolio_store_get_list    (CcPortfolioStore *self);
/* Why the saved file was not read when the store was opened (translated), or NULL. */
const char       *cc_portfolio_store_get_problem (CcPortfolioStore *self);
/* Saves the list and emits ::changed, so every page shows it. A failed save emits
 * ::save-failed with the message to show (translated); a merge with another process's
 * changes emits ::changed and then ::notice with the sentence to show (translated). */
void              cc_portfolio_store_changed     (CcPortfolioStore *self);

G_END_DECLS
