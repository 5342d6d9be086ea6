/* cc-application.c: the Chip Cycle application: one dataset, the settings, the app actions. */
#define G_LOG_DOMAIN "cc-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-application-private.h"
#include "cc-application.h"
#include "cc-bundled-dataset.h"
#include "cc-edgar-contact.h"
#include "cc-edgar-store.h"
#include "cc-events-file.h"
#include "cc-timing.h"
#include "cc-window.h"

struct _CcApplication
{
  AdwApplication  parent_instance;

  CcDataset      *dataset;
  GSettings      *settings;
  CcFetcher      *fetcher;
  CcRefresher    *refresher;
  CcEdgarStore *edgar;
  /* Why the user's events could not be loaded, shown once by the first window. */
  GError         *user_events_error;
};

G_DEFINE_FINAL_TYPE (CcApplication, cc_application, ADW_TYPE_APPLICATION)

GFile *
cc_application_get_user_events_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "chipcycle", "events.json",
                                            NULL);

  return g_file_new_for_path (path);
}

static void
load_user_events (CcApplication *self)
{
  g_autoptr(GFile) file = cc_application_get_user_events_file ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_query_exists (file, NULL))
    return;

  events = cc_events_load_file (file, &error);
  if (events == NULL)
    {
      g_autoptr(GError) aside_error = NULL;
      /* Moved aside, never overwritten by the next save, so the user can still recover what
       * they wrote. */
      g_autoptr(GFile) aside = cc_events_keep_aside (file, &aside_error);

      if (aside == NULL)
        g_message ("%s", aside_error->message);
      g_clear_error (&self->user_events_error);
      self->user_events_error = g_steal_pointer (&error);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);

      cc_event_set_user (event, TRUE);
      if (cc_dataset_find_event (self->dataset, cc_event_get_id (event)) == NULL)
        cc_dataset_add_event (self->dataset, event);
    }
}

/* Tickers the user added in an earlier session come back into the catalogue. */
static void
load_user_tickers (CcApplication *self)
{
  g_auto(GStrv) tickers = g_settings_get_strv (self->settings, "user-tickers");
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);

  for (guint i = 0; tickers[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (cc_catalogue_add_user_symbol (catalogue, tickers[i], NULL, &error) == NULL)
        g_message ("Ignoring the saved ticker “%s”: %s", tickers[i], error->message);
    }
}

/* Live data fetched in an earlier session replaces the offline reconstruction at start-up,
 * so the app shows the best data it has without touching the network. */
static void
load_cached_series (CcApplication *self)
{
  g_autoptr(GPtrArray) symbols = cc_dataset_list_symbols (self->dataset);
  g_autoptr(GPtrArray) errors = NULL;
  GListModel *catalogue = cc_catalogue_get_symbols (cc_dataset_get_catalogue (self->dataset));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;

  for (guint i = 0; i < symbols->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (symbols, i));
  for (guint i = 0; i < g_list_model_get_n_items (catalogue); i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (catalogue, i);

      if (cc_dataset_get_series (self->dataset, cc_symbol_get_ticker (symbol)) == NULL)
        g_strv_builder_add (builder, cc_symbol_get_ticker (symbol));
    }
  all = g_strv_builder_end (builder);

  cc_refresher_load_cached (cc_application_get_refresher (self), self->dataset,
                            (const char * const *) all, &errors);
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    g_message ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
}

CcDataset *
cc_application_get_dataset (CcApplication *self)
{
  g_return_val_if_fail (CC_IS_APPLICATION (self), NULL);

  if (self->dataset == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->dataset = cc_bundled_dataset_new (&error);
      if (self->dataset == NULL)
        {
          /* The bundled data is compiled in; failing to read it is a packaging bug, but the
           * window still opens (empty) and says why. */
          g_critical ("Could not load the offline dataset: %s", error->message);
          self->dataset = cc_dataset_new ();
        }
      load_user_events (self);
      load_user_tickers (self);
      load_cached_series (self);
    }

  return self->dataset;
}

/* The provider and base-address settings, applied to the refresher now and on every change. */
static const struct {
  CcProviderId  provider;
  const char   *key;
} base_url_keys[] = {
  { CC_PROVIDER_YAHOO, "yahoo-url" },
  { CC_PROVIDER_STOOQ, "stooq-url" },
  { CC_PROVIDER_ALPHAVANTAGE, "alphavantage-url" },
};

static void
apply_provider_settings (CcApplication *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "provider");
  const CcProvider *provider = cc_provider_lookup (key);

  if (self->refresher == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (base_url_keys); i++)
    {
      g_autofree char *url = g_settings_get_string (self->settings, base_url_keys[i].key);

      /* Empty means "not set": the environment variable, then the provider's own address. */
      cc_fetcher_set_base_url (self->fetcher, base_url_keys[i].provider,
                               url[0] != '\0' ? url : NULL);
    }
  cc_refresher_set_provider (self->refresher, provider ? provider->id : CC_PROVIDER_YAHOO);
}

static void
provider_settings_changed_cb (CcApplication *self,
                              const char    *key)
{
  apply_provider_settings (self);
}

CcRefresher *
cc_application_get_refresher (CcApplication *self)
{
  g_return_val_if_fail (CC_IS_APPLICATION (self), NULL);

  if (self->refresher == NULL)
    {
      g_autoptr(CcCache) cache = cc_cache_new (NULL);

      self->fetcher = cc_fetcher_new ();
      self->refresher = cc_refresher_new (self->fetcher, cache);
      /* Only these keys matter: window size and the like change far more often. */
      g_signal_connect_object (self->settings, "changed::provider",
                               G_CALLBACK (provider_settings_changed_cb), self, G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (base_url_keys); i++)
        {
          g_autofree char *signal = g_strconcat ("changed::", base_url_keys[i].key, NULL);

          g_signal_connect_object (self->settings, signal,
                                   G_CALLBACK (provider_settings_changed_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      apply_provider_settings (self);
    }

  return self->refresher;
}

GSettings *
cc_application_get_settings (CcApplication *self)
{
  g_return_val_if_fail (CC_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* Hands the first window the reason the user's events did not load, once. */
GError *
_cc_application_take_user_events_error (CcApplication *self)
{
  return g_steal_pointer (&self->user_events_error);
}

static void
apply_style_variant (CcApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *variant = g_settings_get_string (self->settings, "style-variant");

  if (g_strcmp0 (variant, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (variant, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
style_variant_changed_cb (CcApplication *self,
                          const char    *key,
                          GSettings     *settings)
{
  apply_style_variant (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  CcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about;
  const char *developers[] = { "Chip Cycle contributors", NULL };
  /* Names and addresses of services, not prose: not translated. */
  const char *sources[] = {
    "Yahoo Finance https://finance.yahoo.com",
    "Stooq https://stooq.com",
    "Alpha Vantage https://www.alphavantage.co",
    NULL
  };

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  g_object_set (about,
                "transient-for", parent,
                "application-name", _("Chip Cycle"),
                /* The icon in our resources carries the base ID in every profile. */
                "application-icon", BASE_APPLICATION_ID,
                "developer-name", _("Chip Cycle contributors"),
                "version", PACKAGE_VERSION,
                "website", "https://github.com/chipcycle/chipcycle",
                "issue-url", "https://github.com/chipcycle/chipcycle/issues",
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", "© 2026 Chip Cycle contributors",
                "developers", developers,
                "comments",
                _("Follow the AI-infrastructure chip trade around market events: the PHLX "
                  "Semiconductor index, memory makers, GPU designers, equipment makers, "
                  "neoclouds, miners and Meta, rebased to the day before an announcement.\n\n"
                  "Where the data comes from: the ^SOX closes of September and October 2026 are "
                  "observed (a recorded Yahoo Finance response), as are the historical ^SOX "
                  "cycle peaks and troughs. The other series of the offline dataset are "
                  "reconstructed from figures reported in the press and are labelled as "
                  "reconstructed wherever they appear. Refreshing replaces them with live data "
                  "from Yahoo Finance, Stooq or Alpha Vantage.\n\n"
                  "This is analysis, not investment advice."),
                NULL);
  adw_about_window_add_credit_section (about, _("Data Sources"), sources);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CcApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows (rather than g_application_quit) lets each save its state. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CcApplication *self = user_data;
  CcWindow *window = cc_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
edgar_contact_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CcApplication *self = user_data;

  cc_edgar_contact_dialog_present (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   self->settings);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "edgar-contact", edgar_contact_action },
  { "quit", quit_action },
  { "new-window", new_window_action },
};

static void
cc_application_startup (GApplication *app)
{
  CcApplication *self = CC_APPLICATION (app);
  g_autoptr(GAction) style_action = NULL;
  g_autoptr(GAction) provider_action = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control>n", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.export-csv", { "<Control><Shift>e", NULL } },
    { "win.refresh", { "<Control>r", "F5", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.toggle-panel", { "<Control>F9", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.add-event", { "<Control><Shift>n", NULL } },
    { "win.add-ticker", { "<Control>t", NULL } },
    { "win.import-events", { "<Control>o", NULL } },
    { "win.mode('percent')", { "<Control>1", NULL } },
    { "win.mode('indexed')", { "<Control>2", NULL } },
    { "win.mode('price')", { "<Control>3", NULL } },
    { "win.log-scale", { "<Control>l", NULL } },
    { "win.cycle-overlay", { "<Control><Shift>c", NULL } },
    { "window.close", { "<Control>w", NULL } },
    /* GtkApplication's own accelerator for the shortcuts window, which it only sets when it
     * finds gtk/help-overlay.ui (the window builds that on first use). */
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  cc_timing_mark ("startup");
  G_APPLICATION_CLASS (cc_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (BASE_APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  style_action = g_settings_create_action (self->settings, "style-variant");
  g_action_map_add_action (G_ACTION_MAP (self), style_action);
  provider_action = g_settings_create_action (self->settings, "provider");
  g_action_map_add_action (G_ACTION_MAP (self), provider_action);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (style_variant_changed_cb), self, G_CONNECT_SWAPPED);
  apply_style_variant (self);
}

static void
cc_application_activate (GApplication *app)
{
  CcApplication *self = CC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  cc_timing_mark ("activate");
  if (window == NULL)
    {
      window = GTK_WINDOW (cc_window_new (self));
      cc_timing_watch_window (window);
    }
  cc_timing_mark ("window-created");

  gtk_window_present (window);
}

static void
cc_application_dispose (GObject *object)
{
  CcApplication *self = CC_APPLICATION (object);

  g_clear_object (&self->dataset);
  g_clear_object (&self->refresher);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->edgar);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cc_application_parent_class)->dispose (object);
}

static void
cc_application_finalize (GObject *object)
{
  CcApplication *self = CC_APPLICATION (object);

  g_clear_error (&self->user_events_error);

  G_OBJECT_CLASS (cc_application_parent_class)->finalize (object);
}

static void
cc_application_class_init (CcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cc_application_dispose;
  object_class->finalize = cc_application_finalize;
  app_class->startup = cc_application_startup;
  app_class->activate = cc_application_activate;
}

static void
cc_application_init (CcApplication *self)
{
  /* The schema ID is the same for the development profile, so settings carry over. */
  self->settings = g_settings_new (BASE_APPLICATION_ID);
}

CcApplication *
cc_application_new (void)
{
  return g_object_new (CC_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/* The SEC EDGAR filings every window shows, fetched once per symbol. */
CcEdgarStore *
cc_application_get_edgar_store (CcApplication *self)
{
  g_return_val_if_fail (CC_IS_APPLICATION (self), NULL);

  if (self->edgar == NULL)
    self->edgar = cc_edgar_store_new (self->settings, NULL);
  return self->edgar;
}
