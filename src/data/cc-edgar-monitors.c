/* cc-edgar-monitors.c: what the monitors need from SEC EDGAR. */
#define G_LOG_DOMAIN "cc-edgar-monitors"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-data-error.h"
#include "cc-edgar-monitors.h"

#define CAPEX_CONCEPT "PaymentsToAcquirePropertyPlantAndEquipment"

const char * const cc_edgar_capex_symbols[] = { "META", "MSFT", "GOOGL", "AMZN", "ORCL", NULL };
const char * const cc_edgar_miner_symbols[] = { "IREN", "CORZ", "WULF", NULL };

/* Revenue goes by either tag, and some filers changed over the years (Micron reports under the
 * ASC 606 one): both are tried, and the one reaching the latest quarter wins. */
static const char * const revenue_concepts[] = {
  "Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", NULL
};

typedef struct {
  CcEdgarClient *client;
  GCancellable  *cancellable;
  CcReportedMonitors    *monitors;
} Fetch;

static void
note_fetched (Fetch *fetch)
{
  gint64 at = cc_edgar_client_get_fetched_at (fetch->client);

  if (at > 0 && (fetch->monitors->fetched_at == 0 || at < fetch->monitors->fetched_at))
    fetch->monitors->fetched_at = at;
}

static gboolean
is_fatal (GError *error)
{
  /* Without a contact, a network, or the SEC's leave, the other requests would fail alike. */
  return (error->domain == CC_DATA_ERROR && (error->code == CC_DATA_ERROR_NEEDS_CONTACT ||
                                             error->code == CC_DATA_ERROR_OFFLINE ||
                                             error->code == CC_DATA_ERROR_TIMEOUT ||
                                             error->code == CC_DATA_ERROR_RATE_LIMITED ||
                                             error->code == CC_DATA_ERROR_BLOCKED)) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Each getter returns NULL with @error set when the whole fetch must stop (is_fatal()); a
 * company's other failures are noted in the problems and NULL returned. */
static GArray *
get_quarters (Fetch       *fetch,
              const char  *symbol,
              const char  *concept,
              gboolean     quiet_404,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(CcEdgarConcept) facts = cc_edgar_client_get_concept (fetch->client, symbol, concept,
                                                                 "USD", fetch->cancellable,
                                                                 &local);

  if (facts == NULL)
    {
      if (is_fatal (local))
        g_propagate_error (error, g_steal_pointer (&local));
      else if (!(quiet_404 && local->domain == CC_DATA_ERROR &&
                 local->code == CC_DATA_ERROR_UNKNOWN_SYMBOL))
        g_ptr_array_add (fetch->monitors->problems, g_strdup (local->message));
      return NULL;
    }
  note_fetched (fetch);
  /* A monitor reads what was known when each quarter was first reported. */
  return cc_edgar_quarters (facts, CC_EDGAR_AS_FIRST_REPORTED);
}

static GPtrArray *
get_filings (Fetch       *fetch,
             const char  *symbol,
             const char  *item,
             GError     **error)
{
  const char *items[] = { item, NULL };
  CcEdgarQuery query = { CC_DATE_INVALID, CC_DATE_INVALID, NULL, items };
  g_autoptr(GError) local = NULL;
  g_autoptr(CcEdgarSubmissions) submissions = cc_edgar_client_get_filings (fetch->client, symbol,
                                                                           &query,
                                                                           fetch->cancellable,
                                                                           &local);

  if (submissions == NULL)
    {
      if (is_fatal (local))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_ptr_array_add (fetch->monitors->problems, g_strdup (local->message));
      return NULL;
    }
  note_fetched (fetch);
  return g_ptr_array_ref (submissions->filings);
}

static CcDate
latest_end (GArray *quarters)
{
  return quarters && quarters->len
    ? g_array_index (quarters, CcEdgarQuarter, quarters->len - 1).end : CC_DATE_INVALID;
}

static GArray *
get_revenue (Fetch       *fetch,
             const char  *symbol,
             const char **concept,
             GError     **error)
{
  GArray *best = NULL;
  g_autoptr(GError) no_contact = NULL;

  *concept = NULL;
  for (guint i = 0; revenue_concepts[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      GArray *quarters = get_quarters (fetch, symbol, revenue_concepts[i], TRUE, &local);

      /* Without a contact only cached replies can be read, and a tag the company does not use
       * (a 404) is never cached: the other tag may still be there. */
      if (g_error_matches (local, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT))
        {
          if (no_contact == NULL)
            no_contact = g_steal_pointer (&local);
          continue;
        }
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          g_clear_pointer (&best, g_array_unref);
          return NULL;
        }
      if (quarters != NULL && (best == NULL || latest_end (quarters) > latest_end (best)))
        {
          g_clear_pointer (&best, g_array_unref);
          best = quarters;
          *concept = revenue_concepts[i];
        }
      else if (quarters != NULL)
        g_array_unref (quarters);
    }
  if (best == NULL && no_contact != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&no_contact));
      return NULL;
    }
  if (best == NULL)
    /* TRANSLATORS: a ticker */
    g_ptr_array_add (fetch->monitors->problems,
                     g_strdup_printf (_("SEC EDGAR has no revenue figures of %s"), symbol));
  return best;
}

CcReportedMonitors *
cc_edgar_fetch_monitors (CcEdgarClient *client,
                         CcDate         today,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(CcReportedMonitors) monitors = cc_reported_monitors_new ();
  Fetch fetch = { client, cancellable, monitors };
  GArray *capex[G_N_ELEMENTS (cc_edgar_capex_symbols)] = { NULL, };
  GPtrArray *results[G_N_ELEMENTS (cc_edgar_capex_symbols)] = { NULL, };
  GPtrArray *agreements[G_N_ELEMENTS (cc_edgar_miner_symbols)] = { NULL, };
  guint n_capex = G_N_ELEMENTS (cc_edgar_capex_symbols) - 1;
  guint n_miners = G_N_ELEMENTS (cc_edgar_miner_symbols) - 1;
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) gross = NULL;
  g_autoptr(GArray) mu_revenue = NULL;
  g_autoptr(GArray) nvda_revenue = NULL;
  const char *mu_concept = NULL, *nvda_concept = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (client), NULL);

  if (today == CC_DATE_INVALID)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      today = cc_date_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now));
    }

  for (guint s = 0; s < n_capex; s++)
    {
      capex[s] = get_quarters (&fetch, cc_edgar_capex_symbols[s], CAPEX_CONCEPT, FALSE, &local);
      if (local != NULL)
        goto out;
      results[s] = get_filings (&fetch, cc_edgar_capex_symbols[s], "2.02", &local);
      if (local != NULL)
        goto out;
    }
  monitors->monitors[CC_MONITOR_CAPEX] = cc_monitor_capex_new (cc_edgar_capex_symbols, capex,
                                                               results, n_capex, today);

  gross = get_quarters (&fetch, CC_EDGAR_MEMORY_SYMBOL, "GrossProfit", FALSE, &local);
  if (local != NULL)
    goto out;
  mu_revenue = get_revenue (&fetch, CC_EDGAR_MEMORY_SYMBOL, &mu_concept, &local);
  if (local != NULL)
    goto out;
  if (gross != NULL && mu_revenue != NULL)
    monitors->monitors[CC_MONITOR_MEMORY_PRICES] =
      cc_monitor_margin_new (CC_EDGAR_MEMORY_SYMBOL, gross, mu_revenue, mu_concept);

  nvda_revenue = get_revenue (&fetch, CC_EDGAR_AI_SYMBOL, &nvda_concept, &local);
  if (local != NULL)
    goto out;
  if (nvda_revenue != NULL)
    monitors->monitors[CC_MONITOR_AI_ADOPTION] = cc_monitor_growth_new (CC_EDGAR_AI_SYMBOL,
                                                                      nvda_revenue,
                                                                      nvda_concept);

  for (guint s = 0; s < n_miners; s++)
    {
      agreements[s] = get_filings (&fetch, cc_edgar_miner_symbols[s], "1.01", &local);
      if (local != NULL)
        goto out;
    }
  monitors->monitors[CC_MONITOR_MINER_CONTRACTS] =
    cc_monitor_agreements_new (cc_edgar_miner_symbols, agreements, n_miners, today);
  ok = TRUE;

out:
  for (guint s = 0; s < n_capex; s++)
    {
      g_clear_pointer (&capex[s], g_array_unref);
      g_clear_pointer (&results[s], g_ptr_array_unref);
    }
  for (guint s = 0; s < n_miners; s++)
    g_clear_pointer (&agreements[s], g_ptr_array_unref);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&monitors);
}
