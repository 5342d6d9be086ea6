/* cc-edgar-filings.c: the window's filing markers: which kinds the settings ask for, the
 * contact asked for once, the visible companies' filings fetched through the application's
 * CcEdgarStore and handed to the chart, and failures told in a toast. */
#define G_LOG_DOMAIN "cc-edgar-filings"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-application.h"
#include "cc-data-error.h"
#include "cc-edgar-contact.h"
#include "cc-edgar-store.h"
#include "cc-window-private.h"

static guint
wanted_kinds (CcWindow *self)
{
  guint kinds = 0;

  for (CcFilingKind kind = 0; kind < CC_N_FILING_KINDS; kind++)
    if (g_settings_get_boolean (self->settings, cc_filing_kind_get_key (kind)))
      kinds |= 1u << kind;
  return kinds;
}

static CcEdgarStore *
get_service (CcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CC_IS_APPLICATION (app) ? cc_application_get_edgar_store (CC_APPLICATION (app))
                                 : NULL;
}

/* The visible plain tickers that may file with the SEC. */
static GStrv
fetchable_symbols (CcWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      const char *item = g_ptr_array_index (self->items, i);

      if (cc_edgar_store_can_fetch (item))
        g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

/* The earliest day any of @symbols' lines can show: filings before it are never drawn, so
 * EDGAR's older pages are read only when a line reaches back to them. */
static CcDate
filings_from (CcWindow           *self,
              const char * const *symbols)
{
  CcDate from = CC_DATE_INVALID;

  for (guint i = 0; self->dataset != NULL && symbols[i] != NULL; i++)
    {
      CcSeries *series = cc_dataset_get_history (self->dataset, symbols[i]);
      const CcPoint *first = series != NULL ? cc_series_get_first (series) : NULL;

      if (first != NULL && (from == CC_DATE_INVALID || first->date < from))
        from = first->date;
    }
  return from;
}

/* Gives the chart what is in memory; TRUE when every symbol was there. */
static gboolean
hand_over (CcWindow          *self,
           CcEdgarStore    *service,
           const char * const *symbols)
{
  gboolean all = TRUE;
  CcDate from = filings_from (self, symbols);

  for (guint i = 0; symbols[i] != NULL; i++)
    {
      GPtrArray *filings = cc_edgar_store_get_filings (service, symbols[i], from);

      if (filings != NULL)
        cc_chart_set_filings (self->chart, symbols[i], filings);
      else
        all = FALSE;
    }
  return all;
}

/* Filings are on but nothing can be drawn: says why, with a button to the contact dialog. */
static void
show_needs_contact (CcWindow *self)
{
  g_autofree char *escaped =
    g_markup_escape_text (_("Filings need a contact address for SEC EDGAR: set one in the main "
                            "menu, under SEC EDGAR Contact."), -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("Set _Contact"));
  adw_toast_set_action_name (toast, "app.edgar-contact");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
contact_response_cb (CcWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  CcEdgarStore *service;

  if (self->chart == NULL || !g_settings_get_boolean (self->settings, "show-filings"))
    return;
  service = cc_application_get_edgar_store (
    CC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  /* Cancelled, or closed: the markers stay off for a reason the user should see. */
  if (!cc_edgar_store_has_contact (service))
    show_needs_contact (self);
}

/* Whether filings of the visible companies, as handed to the chart, were fetched more than
 * four days ago (the age after which prices are called stale too); their symbols are added
 * to @names. */
static gboolean
filings_older_than (CcWindow *self,
                    gint64    seconds,
                    GString  *names)
{
  CcEdgarStore *service;
  g_auto(GStrv) symbols = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean stale = FALSE;

  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "show-filings") ||
      (service = get_service (self)) == NULL)
    return FALSE;
  symbols = fetchable_symbols (self);
  for (guint i = 0; symbols[i] != NULL; i++)
    {
      GPtrArray *filings = cc_edgar_store_get_filings (service, symbols[i],
                                                       filings_from (self,
                                                                     (const char * const *) symbols));
      gint64 oldest = G_MAXINT64;

      for (guint j = 0; filings != NULL && j < filings->len; j++)
        {
          const CcChartFiling *f = g_ptr_array_index (filings, j);

          if (f->fetched_at != G_MININT64)
            oldest = MIN (oldest, f->fetched_at);
        }
      if (oldest != G_MAXINT64 && now - oldest > seconds)
        {
          stale = TRUE;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, symbols[i]);
        }
    }
  return stale;
}

gboolean
_cc_window_filings_stale (CcWindow *self,
                          GString  *names)
{
  return filings_older_than (self, 4 * 24 * 3600, names);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fetched = NULL;
  g_auto(GStrv) symbols = NULL;

  fetched = cc_edgar_store_fetch_finish (CC_EDGAR_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->chart == NULL)
    return;
  g_clear_object (&self->filings_cancellable);
  /* What arrived is shown even when another company failed. */
  symbols = fetchable_symbols (self);
  hand_over (self, CC_EDGAR_STORE (source), (const char * const *) symbols);
  self->filings_fetches++;
  _cc_window_update_badges (self);
  if (error != NULL)
    _cc_window_show_error_toast (self, _("Filings could not be fetched from SEC EDGAR"), error);
}

void
_cc_window_update_filings (CcWindow *self)
{
  CcEdgarStore *service;
  g_auto(GStrv) symbols = NULL;
  gboolean show;

  if (self->settings == NULL || self->chart == NULL)
    return;
  show = g_settings_get_boolean (self->settings, "show-filings");
  cc_chart_set_filing_kinds (self->chart, show ? wanted_kinds (self) : 0);
  _cc_window_update_badges (self);
  if (!show)
    {
      if (self->filings_cancellable != NULL)
        g_cancellable_cancel (self->filings_cancellable);
      g_clear_object (&self->filings_cancellable);
      return;
    }

  service = get_service (self);
  symbols = fetchable_symbols (self);
  if (service == NULL || hand_over (self, service, (const char * const *) symbols))
    return;

  if (!cc_edgar_store_has_contact (service))
    {
      /* Asked once, when filings are first turned on; later the menu has it. */
      if (!g_settings_get_boolean (self->settings, "edgar-contact-asked"))
        {
          AdwMessageDialog *dialog;

          g_settings_set_boolean (self->settings, "edgar-contact-asked", TRUE);
          dialog = cc_edgar_contact_dialog_present (GTK_WINDOW (self), self->settings);
          g_signal_connect_object (dialog, "response", G_CALLBACK (contact_response_cb), self,
                                   G_CONNECT_SWAPPED | G_CONNECT_AFTER);
        }
      else
        show_needs_contact (self);
      return;
    }

  if (self->filings_cancellable != NULL)
    g_cancellable_cancel (self->filings_cancellable);
  g_clear_object (&self->filings_cancellable);
  self->filings_cancellable = g_cancellable_new ();
  cc_edgar_store_fetch_async (service, (const char * const *) symbols,
                              filings_from (self, (const char * const *) symbols),
                                self->filings_cancellable, fetch_cb, g_object_ref (self));
}

void
_cc_window_refresh_filings (CcWindow *self)
{
  CcEdgarStore *service;
  g_auto(GStrv) symbols = NULL;

  if (self->settings == NULL || self->chart == NULL ||
      !g_settings_get_boolean (self->settings, "show-filings") ||
      (service = get_service (self)) == NULL)
    return;
  /* Without a contact nothing is asked; the markers say why already. */
  if (!cc_edgar_store_has_contact (service))
    {
      _cc_window_update_filings (self);
      return;
    }
  symbols = fetchable_symbols (self);
  if (symbols[0] == NULL)
    return;
  if (self->filings_cancellable != NULL)
    g_cancellable_cancel (self->filings_cancellable);
  g_clear_object (&self->filings_cancellable);
  self->filings_cancellable = g_cancellable_new ();
  cc_edgar_store_refresh_async (service, (const char * const *) symbols,
                                filings_from (self, (const char * const *) symbols),
                                self->filings_cancellable, fetch_cb, g_object_ref (self));
}

/* A window left open: once an hour, filings last fetched more than a day ago are asked for
 * again (conditionally, so an unchanged list costs one small reply), well before they would
 * be called stale. */
#define RECHECK_SECONDS 3600
#define RECHECK_AGE     (24 * 3600)

static gboolean
recheck_cb (gpointer user_data)
{
  CcWindow *self = user_data;
  g_autoptr(GString) names = g_string_new (NULL);

  if (self->filings_cancellable == NULL && filings_older_than (self, RECHECK_AGE, names))
    _cc_window_refresh_filings (self);
  return G_SOURCE_CONTINUE;
}

static void
settings_changed_cb (CcWindow   *self,
                     const char *key,
                     GSettings  *settings)
{
  if (g_str_equal (key, "edgar-data-url") || g_str_equal (key, "edgar-www-url") ||
      g_str_equal (key, "edgar-contact"))
    {
      CcEdgarStore *service = get_service (self);

      /* Another server or identity: what came from the old one is not shown as its. */
      if (service != NULL && !g_str_equal (key, "edgar-contact"))
        {
          cc_edgar_store_reset (service);
          cc_chart_clear_filings (self->chart);
        }
    }
  _cc_window_update_filings (self);
}

static void
show_uri_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cc_window_show_error_toast (self, _("The filing could not be opened"), error);
}

/* Through the desktop portal in a sandbox (GTK 4.8 has no GtkUriLauncher). */
static void
filing_activated_cb (CcWindow    *self,
                     const char  *url,
                     CcChartView *view)
{
  gtk_show_uri_full (GTK_WINDOW (self), url, GDK_CURRENT_TIME, NULL, show_uri_cb,
                     g_object_ref (self));
}

static const char * const keys[] = {
    "show-filings", "filings-results", "filings-agreements", "filings-listings",
    "filings-other", "edgar-contact", "edgar-data-url", "edgar-www-url",
};
/* The first N_TOGGLES keys are actions too. */
#define N_TOGGLES 5

void
_cc_window_filings_setup (CcWindow *self)
{

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", keys[i], NULL);
      g_autoptr(GAction) action = NULL;

      g_signal_connect_object (self->settings, signal, G_CALLBACK (settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      if (i < N_TOGGLES)
        {
          /* win.show-filings, win.filings-results…: the legend popover's and the menu's
           * toggles. */
          action = g_settings_create_action (self->settings, keys[i]);
          g_action_map_add_action (G_ACTION_MAP (self), action);
        }
    }
  g_signal_connect_object (self->chart_view, "filing-activated",
                           G_CALLBACK (filing_activated_cb), self, G_CONNECT_SWAPPED);
  self->filings_recheck_id = g_timeout_add_seconds (RECHECK_SECONDS, recheck_cb, self);
  _cc_window_update_filings (self);
}

void
_cc_window_filings_dispose (CcWindow *self)
{
  g_clear_handle_id (&self->filings_recheck_id, g_source_remove);
  if (self->filings_cancellable != NULL)
    g_cancellable_cancel (self->filings_cancellable);
  g_clear_object (&self->filings_cancellable);
  /* A settings action outlives the window's action group otherwise, and tells the group
   * that is gone about the next change of its key. */
  for (guint i = 0; i < N_TOGGLES; i++)
    g_action_map_remove_action (G_ACTION_MAP (self), keys[i]);
}

/* The legend popover's filings section: on or off, and each kind. */
GtkWidget *
_cc_window_filings_toggles (CcWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (_("Filings from SEC EDGAR"));
  GtkWidget *check;

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 8);
  gtk_widget_set_margin_bottom (heading, 4);
  gtk_box_append (GTK_BOX (box), heading);
  check = gtk_check_button_new_with_mnemonic (_("Show _Filings"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "win.show-filings");
  gtk_box_append (GTK_BOX (box), check);
  for (CcFilingKind kind = 0; kind < CC_N_FILING_KINDS; kind++)
    {
      g_autofree char *action = g_strconcat ("win.", cc_filing_kind_get_key (kind), NULL);
      const char *glyph = cc_filing_kind_get_glyph (kind);
      g_autofree char *label = *glyph ? g_strdup_printf ("%s  %s", glyph,
                                                         cc_filing_kind_get_label (kind))
                                      : g_strdup_printf ("○  %s",
                                                         cc_filing_kind_get_label (kind));

      check = gtk_check_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), action);
      gtk_widget_set_margin_start (check, 18);
      g_settings_bind (self->settings, "show-filings", check, "sensitive",
                       G_SETTINGS_BIND_GET);
      gtk_box_append (GTK_BOX (box), check);
    }
  return box;
}
