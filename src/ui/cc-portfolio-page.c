/* cc-portfolio-page.c: the sidebar's Portfolio page (see cc-portfolio-page.h). */
#define G_LOG_DOMAIN "cc-portfolio-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-accessible.h"
#include "cc-analysis.h"
#include "cc-assessment.h"
#include "cc-combo-row.h"
#include "cc-portfolio-file.h"
#include "cc-portfolio-page.h"
#include "cc-portfolio-store.h"

struct _CcPortfolioPage
{
  GtkBox          parent_instance;

  CcPortfolioStore *store;       /* the application's portfolios, shared with other windows */
  GPtrArray      *portfolios;    /* CcPortfolio: the store's list, borrowed */
  CcPortfolio    *current;       /* the selected one, or NULL */
  int             selected;      /* its index in @portfolios, or -1 */
  CcDataset      *dataset;
  CcDate          event_day;
  CcDate          as_of;
  CcScenarios    *scenarios;
  CcRules        *rules;
  CcReportedMonitors *reported;  /* SEC EDGAR's monitors in the assessment, or NULL */
  CcExposure     *exposure;
  char           *message;
  GCancellable   *cancellable;
  gboolean        updating_dropdown;
  gboolean        updating_shown;
  gboolean        notifying;     /* this page changed the store: it has rebuilt already */
  gboolean        disposed;      /* a save finishing after the window closed touches no widget */

  GtkDropDown    *dropdown;
  GtkStringList  *names;
  GtkButton      *remove_portfolio_button;
  GtkCheckButton *shown_check;
  GtkLabel       *message_label;
  GtkListBox     *holdings_list;
  GtkEntry       *ticker_entry;
  GtkSpinButton  *amount_spin;
  GtkLabel       *amount_label;
  GtkBox         *exposure_box;
  GtkBox         *stress_box;
};

G_DEFINE_FINAL_TYPE (CcPortfolioPage, cc_portfolio_page, GTK_TYPE_BOX)

enum {
  CHANGED,
  SELECTED,
  SHOWN_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (CcPortfolioPage *self);

static CcPortfolio *
selected_portfolio (CcPortfolioPage *self)
{
  if (self->selected < 0 || (guint) self->selected >= self->portfolios->len)
    return NULL;
  g_assert (g_ptr_array_index (self->portfolios, self->selected) == self->current);
  return self->current;
}

static void
set_message (CcPortfolioPage *self,
             const char      *message)
{
  if (self->disposed)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The list is the application's: a change made here is saved by the store and shown by
 * every window's page. */
static void
save (CcPortfolioPage *self)
{
  self->notifying = TRUE;
  cc_portfolio_store_changed (self->store);
  self->notifying = FALSE;
}

static void
select_index (CcPortfolioPage *self,
              int              index)
{
  CcPortfolio *portfolio = index >= 0 ? g_ptr_array_index (self->portfolios, (guint) index)
                                      : NULL;

  self->selected = index;
  g_set_object (&self->current, portfolio);
}

/* The cards */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Wrap to the sidebar's width rather than widen it (and fold the side panel away). */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
}

static void
fill_cards (CcPortfolioPage *self)
{
  CcExposure *e = self->exposure;

  clear_box (self->exposure_box);
  clear_box (self->stress_box);
  add_label (self->exposure_box, _("Exposure"), "heading");
  add_label (self->stress_box, _("Scenario stress"), "heading");
  if (e == NULL)
    {
      add_label (self->exposure_box, _("Add positions or import a CSV file of holdings to see "
                                       "how they are exposed."), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (self->stress_box), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stress_box), e->problem == NULL);
  for (guint i = 0; i < e->notes->len; i++)
    add_label (self->exposure_box, g_ptr_array_index (e->notes, i), "warning");
  if (e->problem)
    {
      add_label (self->exposure_box, e->problem, NULL);
      return;
    }
  add_label (self->exposure_box, e->group_sentence, NULL);
  add_label (self->exposure_box, e->beta_sentence, NULL);
  add_label (self->exposure_box, e->concentration_sentence, NULL);
  add_label (self->exposure_box, e->event_sentence, NULL);
  add_label (self->exposure_box, e->weighting_sentence, "dim-label");
  add_label (self->exposure_box, e->provenance_sentence, "dim-label");

  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    add_label (self->stress_box, e->scenario_sentence[s], NULL);
  add_label (self->stress_box, e->expectation_sentence, NULL);
  for (guint i = 0; i < e->n_history; i++)
    add_label (self->stress_box, e->history[i].sentence, NULL);
  add_label (self->stress_box, e->answer, NULL);
  add_label (self->stress_box, cc_analysis_get_disclaimer (), "dim-label");
}

static void
recompute (CcPortfolioPage *self)
{
  CcPortfolio *portfolio = selected_portfolio (self);

  g_clear_pointer (&self->exposure, cc_exposure_free);
  if (portfolio != NULL && self->dataset != NULL && cc_portfolio_get_n_holdings (portfolio) > 0)
    {
      CcSeries *sox = cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX);
      double weights[CC_N_SCENARIOS] = { 1, 1, 1 };
      CcDate as_of = self->as_of;

      if (sox != NULL && cc_series_get_n_points (sox) > 0)
        {
          g_autoptr(CcAssessment) assessment = NULL;

          if (as_of == CC_DATE_INVALID)
            as_of = cc_series_get_last (sox)->date;
          g_autoptr(CcAssessor) assessor = NULL;

          /* The side panel's assessment: the same rules and SEC EDGAR's monitors. */
          assessor = cc_assessor_new_full (self->dataset, self->rules, self->reported);
          assessment = cc_assessor_evaluate (assessor, as_of);
          for (guint s = 0; s < CC_N_SCENARIOS; s++)
            weights[s] = assessment->weight[CC_TARGET_FIRST_SCENARIO + s];
        }
      self->exposure = cc_exposure_compute (self->dataset, portfolio, self->scenarios, weights,
                                            self->event_day, as_of);
    }
  fill_cards (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The positions */

static void
remove_holding_cb (GtkButton       *button,
                   CcPortfolioPage *self)
{
  CcPortfolio *portfolio = selected_portfolio (self);
  const char *ticker = g_object_get_data (G_OBJECT (button), "ticker");

  if (portfolio != NULL && cc_portfolio_remove_holding (portfolio, ticker))
    {
      save (self);
      rebuild (self);
    }
}

static void
holding_activated_cb (CcPortfolioPage *self,
                      GtkListBoxRow   *row)
{
  CcPortfolio *portfolio = selected_portfolio (self);
  const char *ticker = g_object_get_data (G_OBJECT (row), "ticker");
  int index;

  /* Editing: the row's values go back into the entry, Set replaces them. */
  if (portfolio == NULL || ticker == NULL || (index = cc_portfolio_find (portfolio, ticker)) < 0)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->ticker_entry), ticker);
  gtk_spin_button_set_value (self->amount_spin,
                             cc_portfolio_get_holding (portfolio, (guint) index)->amount);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_spin));
}

static void
fill_holdings (CcPortfolioPage *self)
{
  CcPortfolio *portfolio = selected_portfolio (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->holdings_list))) != NULL)
    gtk_list_box_remove (self->holdings_list, child);
  gtk_label_set_text (self->amount_label,
                      portfolio && cc_portfolio_get_kind (portfolio) == CC_HOLDING_WEIGHT ?
                      _("Weight") : _("Shares"));
  /* An empty boxed list would be a stray line: the exposure card says what to do instead. */
  gtk_widget_set_visible (GTK_WIDGET (self->holdings_list),
                          portfolio != NULL && cc_portfolio_get_n_holdings (portfolio) > 0);
  for (guint i = 0; portfolio && i < cc_portfolio_get_n_holdings (portfolio); i++)
    {
      const CcHolding *h = cc_portfolio_get_holding (portfolio, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *ticker = gtk_label_new (h->ticker);
      g_autofree char *amount_text = NULL;
      GtkWidget *amount, *remove;
      g_autofree char *share = NULL;
      double weight = NAN;

      if (self->exposure && self->exposure->problem == NULL)
        for (guint k = 0; k < self->exposure->holdings->len; k++)
          {
            CcExposureHolding *eh = g_ptr_array_index (self->exposure->holdings, k);

            if (g_str_equal (eh->ticker, h->ticker))
              weight = eh->weight;
          }
      share = cc_format_percent (weight * 100, 1, FALSE);
      if (cc_portfolio_get_kind (portfolio) == CC_HOLDING_WEIGHT)
        amount_text = isfinite (weight) ? g_strdup_printf (_("weight %g · %s"), h->amount,
                                                          share)
                                        : g_strdup_printf (_("weight %g"), h->amount);
      else
        amount_text = isfinite (weight) ? g_strdup_printf (_("%g shares · %s"), h->amount,
                                                          share)
                                        : g_strdup_printf (_("%g shares"), h->amount);
      amount = gtk_label_new (amount_text);
      gtk_widget_set_hexpand (amount, TRUE);
      gtk_label_set_xalign (GTK_LABEL (amount), 1);
      /* Within the sidebar, whatever the language and the amount's length. */
      gtk_label_set_wrap (GTK_LABEL (amount), TRUE);
      gtk_label_set_justify (GTK_LABEL (amount), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (amount, "numeric");
      gtk_label_set_xalign (GTK_LABEL (ticker), 0);
      gtk_widget_set_size_request (ticker, 56, -1);
      remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data_full (G_OBJECT (remove), "ticker", g_strdup (h->ticker), g_free);
      {
        g_autofree char *tip = g_strdup_printf (_("Remove %s"), h->ticker);

        gtk_widget_set_tooltip_text (remove, tip);
        gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tip, -1);
      }
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_holding_cb), self);
      gtk_box_append (GTK_BOX (box), ticker);
      gtk_box_append (GTK_BOX (box), amount);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 2);
      gtk_widget_set_margin_top (box, 2);
      gtk_widget_set_margin_bottom (box, 2);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "ticker", g_strdup (h->ticker), g_free);
      gtk_list_box_append (self->holdings_list, row);
    }
}

static void
fill_dropdown (CcPortfolioPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < self->portfolios->len; i++)
    g_ptr_array_add (names, (char *) cc_portfolio_get_name (g_ptr_array_index (self->portfolios,
                                                                               i)));
  g_ptr_array_add (names, NULL);
  self->updating_dropdown = TRUE;
  gtk_string_list_splice (self->names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->dropdown, self->selected >= 0 ? (guint) self->selected
                                                                  : GTK_INVALID_LIST_POSITION);
  self->updating_dropdown = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_portfolio_button), self->selected >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->shown_check), self->selected >= 0);
}

static void
rebuild (CcPortfolioPage *self)
{
  if (self->disposed)
    return;
  fill_dropdown (self);
  recompute (self);
  fill_holdings (self);
}

static void
dropdown_selected_cb (CcPortfolioPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);

  int index = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;

  /* Refilling the list in rebuild() notifies "selected" again once this handler returns: an
   * unchanged choice must not rebuild, or the two would call each other for ever. */
  if (self->updating_dropdown || index == self->selected)
    return;
  select_index (self, index);
  rebuild (self);
  g_signal_emit (self, signals[SELECTED], 0);
}

static char *
unique_name (CcPortfolioPage *self,
             const char      *wanted)
{
  char *name = g_strdup (wanted);

  for (guint n = 2;; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < self->portfolios->len && !taken; i++)
        taken = g_str_equal (cc_portfolio_get_name (g_ptr_array_index (self->portfolios, i)),
                             name);
      if (!taken)
        return name;
      g_free (name);
      name = g_strdup_printf ("%s %u", wanted, n);
    }
}

static void
set_holding_cb (CcPortfolioPage *self)
{
  CcPortfolio *portfolio = selected_portfolio (self);
  g_autofree char *ticker = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->ticker_entry)),
                                           -1);
  g_autoptr(CcHolding) holding = NULL;
  double amount = gtk_spin_button_get_value (self->amount_spin);
  gboolean created = FALSE;

  g_strstrip (ticker);
  if (!cc_ticker_is_valid (ticker))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a ticker."), ticker);

      set_message (self, text);
      return;
    }
  if (amount <= 0)
    {
      set_message (self, _("A position needs more than 0 shares or a weight above 0."));
      return;
    }
  if (portfolio == NULL)
    {
      g_autofree char *name = unique_name (self, _("My portfolio"));

      portfolio = cc_portfolio_new (name, CC_HOLDING_SHARES);
      g_ptr_array_add (self->portfolios, portfolio);
      select_index (self, (int) self->portfolios->len - 1);
      created = TRUE;
    }
  holding = cc_holding_new (ticker, amount);
  {
    int index = cc_portfolio_find (portfolio, ticker);

    /* Editing keeps what the entry row does not show. */
    if (index >= 0)
      {
        holding->cost = cc_portfolio_get_holding (portfolio, (guint) index)->cost;
        holding->date = cc_portfolio_get_holding (portfolio, (guint) index)->date;
      }
  }
  cc_portfolio_set_holding (portfolio, holding);
  set_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->ticker_entry), "");
  save (self);
  rebuild (self);
  if (created)
    g_signal_emit (self, signals[SELECTED], 0);
}

static void
remove_portfolio_cb (CcPortfolioPage *self)
{
  if (selected_portfolio (self) == NULL)
    return;
  g_ptr_array_remove_index (self->portfolios, (guint) self->selected);
  select_index (self, self->portfolios->len > 0 ? 0 : -1);
  set_message (self, NULL);
  save (self);
  rebuild (self);
  g_signal_emit (self, signals[SELECTED], 0);
}

/* Import */

static void
import_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CcPortfolioPage) self = user_data;
  GFile *file = G_FILE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *stem = g_strdup (basename);
  g_autofree char *name = NULL;
  CcPortfolio *portfolio;
  gsize length;

  if (!g_file_load_contents_finish (file, result, &data, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, error->message);
      return;
    }
  if (self->disposed)
    return;
  if (strrchr (stem, '.') != NULL && strrchr (stem, '.') != stem)
    *strrchr (stem, '.') = '\0';
  name = unique_name (self, stem);
  portfolio = cc_portfolio_import_csv (data, (gssize) length, basename, name, self->dataset,
                                       problems, &error);
  if (portfolio == NULL)
    g_ptr_array_add (problems, g_strdup (error->message));
  else
    {
      g_ptr_array_add (self->portfolios, portfolio);
      select_index (self, (int) self->portfolios->len - 1);
      save (self);
    }
  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      {
        g_autofree char *text = g_strjoinv ("\n", (char **) problems->pdata);

        set_message (self, text);
      }
    }
  else
    set_message (self, NULL);
  rebuild (self);
  if (portfolio != NULL)
    g_signal_emit (self, signals[SELECTED], 0);
}

void
cc_portfolio_page_import_file (CcPortfolioPage *self,
                               GFile           *file)
{
  g_return_if_fail (CC_IS_PORTFOLIO_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, import_loaded_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CcPortfolioPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        cc_portfolio_page_import_file (self, file);
    }
  g_object_unref (dialog);
}

static void
import_clicked_cb (CcPortfolioPage *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Holdings"),
                                         GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Another window changed the portfolios: show them, keeping the selected one where it still
 * exists (it may have moved), or else the first. */
static void
store_changed_cb (CcPortfolioPage *self)
{
  guint index;

  if (self->notifying || self->disposed)
    return;
  if (self->current != NULL && g_ptr_array_find (self->portfolios, self->current, &index))
    {
      self->selected = (int) index;
      rebuild (self);
      return;
    }
  if (self->current != NULL)
    {
      /* The selected portfolio was removed there: the window forgets its line here too. */
      select_index (self, self->portfolios->len > 0 ? 0 : -1);
      rebuild (self);
      g_signal_emit (self, signals[SELECTED], 0);
      return;
    }
  select_index (self, self->portfolios->len > 0 ? 0 : -1);
  rebuild (self);
}

/* The object */

static void
cc_portfolio_page_dispose (GObject *object)
{
  CcPortfolioPage *self = CC_PORTFOLIO_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->dataset);
  G_OBJECT_CLASS (cc_portfolio_page_parent_class)->dispose (object);
}

static void
cc_portfolio_page_finalize (GObject *object)
{
  CcPortfolioPage *self = CC_PORTFOLIO_PAGE (object);

  g_clear_object (&self->current);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scenarios, cc_scenarios_unref);
  g_clear_pointer (&self->rules, cc_rules_unref);
  g_clear_pointer (&self->reported, cc_reported_monitors_unref);
  g_clear_pointer (&self->exposure, cc_exposure_free);
  g_free (self->message);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cc_portfolio_page_parent_class)->finalize (object);
}

static void
cc_portfolio_page_class_init (CcPortfolioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_portfolio_page_dispose;
  object_class->finalize = cc_portfolio_page_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The user chose another portfolio (picked, imported, created or removed one). */
  signals[SELECTED] = g_signal_new ("selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The user ticked or unticked "Show on Chart". */
  signals[SHOWN_TOGGLED] = g_signal_new ("shown-toggled", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shown_toggled_cb (CcPortfolioPage *self)
{
  if (!self->updating_shown)
    g_signal_emit (self, signals[SHOWN_TOGGLED], 0);
}

static GtkBox *
card_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 6);
  g_object_set (box, "margin-start", 0, NULL);
  gtk_widget_add_css_class (box, "cc-portfolio-card");
  return GTK_BOX (box);
}

static void
cc_portfolio_page_init (CcPortfolioPage *self)
{
  GtkWidget *top, *add_row, *button, *scrolled, *content, *import, *frame;

  self->selected = -1;
  self->event_day = self->as_of = CC_DATE_INVALID;
  self->cancellable = g_cancellable_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  scrolled = gtk_scrolled_window_new ();
  /* EXTERNAL: the page takes the sidebar's width and never asks for more. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_EXTERNAL,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self), scrolled);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_object_set (content, "margin-start", 8, "margin-end", 8, "margin-top", 8, "margin-bottom", 8,
                NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->names = gtk_string_list_new (NULL);
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->names),
                                                     NULL));
  /* A long name is shortened on the button, so the import and remove buttons stay in view;
   * the list that drops down shows it whole. */
  cc_drop_down_shorten_chosen (self->dropdown, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->dropdown), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), _("Portfolio"));
  cc_accessible_name_drop_down (self->dropdown, _("Portfolio"));
  g_signal_connect_swapped (self->dropdown, "notify::selected",
                            G_CALLBACK (dropdown_selected_cb), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->dropdown));
  import = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_tooltip_text (import, _("Import Holdings from CSV…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (import), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import Holdings from CSV…"), -1);
  g_signal_connect_swapped (import, "clicked", G_CALLBACK (import_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), import);
  self->remove_portfolio_button = GTK_BUTTON (gtk_button_new_from_icon_name (
                                                "user-trash-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_portfolio_button),
                               _("Remove This Portfolio"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_portfolio_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove This Portfolio"), -1);
  g_signal_connect_swapped (self->remove_portfolio_button, "clicked",
                            G_CALLBACK (remove_portfolio_cb), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->remove_portfolio_button));
  gtk_box_append (GTK_BOX (content), top);

  self->shown_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Show on C_hart")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->shown_check),
                               _("Draw the portfolio as a line among the chart's items"));
  g_signal_connect_swapped (self->shown_check, "toggled", G_CALLBACK (shown_toggled_cb), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->shown_check));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_max_width_chars (self->message_label, 20);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_selectable (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->message_label));

  self->holdings_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->holdings_list), "boxed-list");
  gtk_list_box_set_selection_mode (self->holdings_list, GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->holdings_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Positions"), -1);
  g_signal_connect_swapped (self->holdings_list, "row-activated",
                            G_CALLBACK (holding_activated_cb), self);
  frame = GTK_WIDGET (self->holdings_list);
  gtk_box_append (GTK_BOX (content), frame);

  /* The ticker, the amount and Set one under the other, like a form: side by side they do not
   * fit the sidebar in German or French. */
  self->ticker_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->ticker_entry, _("Ticker"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->ticker_entry), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ticker_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Ticker"), -1);
  g_signal_connect_swapped (self->ticker_entry, "activate", G_CALLBACK (set_holding_cb), self);
  gtk_widget_set_margin_top (GTK_WIDGET (self->ticker_entry), 6);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->ticker_entry));
  add_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->amount_label = GTK_LABEL (gtk_label_new (_("Shares")));
  gtk_widget_add_css_class (GTK_WIDGET (self->amount_label), "dim-label");
  gtk_box_append (GTK_BOX (add_row), GTK_WIDGET (self->amount_label));
  self->amount_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1e9, 1));
  gtk_spin_button_set_digits (self->amount_spin, 2);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->amount_spin), 3);
  gtk_spin_button_set_value (self->amount_spin, 1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->amount_spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->amount_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shares or weight"), -1);
  gtk_box_append (GTK_BOX (add_row), GTK_WIDGET (self->amount_spin));
  gtk_box_append (GTK_BOX (content), add_row);
  button = gtk_button_new_with_mnemonic (_("_Set"));
  gtk_widget_set_tooltip_text (button, _("Add the position, or change it if it is held"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (set_holding_cb), self);
  gtk_box_append (GTK_BOX (content), button);

  self->exposure_box = card_new ();
  self->stress_box = card_new ();
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->exposure_box));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stress_box));
}

CcPortfolioPage *
cc_portfolio_page_new (const char *path)
{
  CcPortfolioPage *self = g_object_new (CC_TYPE_PORTFOLIO_PAGE, NULL);
  g_autoptr(GError) error = NULL;

  /* Read once for the whole application: a second window shares the first one's list. */
  self->store = cc_portfolio_store_get (path);
  self->portfolios = cc_portfolio_store_get_list (self->store);
  select_index (self, self->portfolios->len > 0 ? 0 : -1);
  set_message (self, cc_portfolio_store_get_problem (self->store));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "save-failed", G_CALLBACK (set_message), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notice", G_CALLBACK (set_message), self,
                           G_CONNECT_SWAPPED);
  self->scenarios = cc_scenarios_load (NULL, &error);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Your scenarios file is not used: %s"),
                                               error->message);
      set_message (self, text);
    }
  g_clear_error (&error);
  self->rules = cc_rules_load (NULL, NULL);
  rebuild (self);
  return self;
}

void
cc_portfolio_page_set_context (CcPortfolioPage *self,
                               CcDataset       *dataset,
                               CcDate           event_day,
                               CcDate           as_of)
{
  g_return_if_fail (CC_IS_PORTFOLIO_PAGE (self));

  if (self->dataset == dataset && self->event_day == event_day && self->as_of == as_of)
    return;
  if (self->dataset != dataset && dataset != NULL)
    /* A refresh replaces series: measure again. */
    g_signal_connect_object (dataset, "series-changed", G_CALLBACK (rebuild), self,
                             G_CONNECT_SWAPPED);
  if (self->dataset != NULL && self->dataset != dataset)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_set_object (&self->dataset, dataset);
  self->event_day = event_day;
  self->as_of = as_of;
  rebuild (self);
}

void
cc_portfolio_page_set_reported_monitors (CcPortfolioPage    *self,
                                         CcReportedMonitors *reported)
{
  g_return_if_fail (CC_IS_PORTFOLIO_PAGE (self));

  if (self->reported == reported)
    return;
  g_clear_pointer (&self->reported, cc_reported_monitors_unref);
  self->reported = reported ? cc_reported_monitors_ref (reported) : NULL;
  recompute (self);
}

CcExposure *
cc_portfolio_page_get_exposure (CcPortfolioPage *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_PAGE (self), NULL);
  return self->exposure;
}

const char *
cc_portfolio_page_get_message (CcPortfolioPage *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_PAGE (self), NULL);
  return self->message;
}

char *
cc_portfolio_page_get_card_text (CcPortfolioPage *self,
                                 const char      *card)
{
  GtkBox *box = g_str_equal (card, "stress") ? self->stress_box : self->exposure_box;
  GString *out = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (out, FALSE);
}

const char *
cc_portfolio_page_get_selected_name (CcPortfolioPage *self)
{
  CcPortfolio *portfolio;

  g_return_val_if_fail (CC_IS_PORTFOLIO_PAGE (self), NULL);
  portfolio = selected_portfolio (self);
  return portfolio ? cc_portfolio_get_name (portfolio) : NULL;
}

gboolean
cc_portfolio_page_select (CcPortfolioPage *self,
                          const char      *name)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->portfolios->len; i++)
    if (g_str_equal (cc_portfolio_get_name (g_ptr_array_index (self->portfolios, i)), name))
      {
        if (self->selected != (int) i)
          {
            select_index (self, (int) i);
            rebuild (self);
          }
        return TRUE;
      }
  return FALSE;
}

gboolean
cc_portfolio_page_get_shown (CcPortfolioPage *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_PAGE (self), FALSE);
  return !self->disposed && gtk_check_button_get_active (self->shown_check);
}

void
cc_portfolio_page_set_shown (CcPortfolioPage *self,
                             gboolean         shown)
{
  g_return_if_fail (CC_IS_PORTFOLIO_PAGE (self));
  /* The window may update its items while it is being torn down, after the page's widgets. */
  if (self->disposed)
    return;
  self->updating_shown = TRUE;
  gtk_check_button_set_active (self->shown_check, shown);
  self->updating_shown = FALSE;
}

CcPortfolio *
cc_portfolio_page_get_portfolio (CcPortfolioPage *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_PAGE (self), NULL);
  return selected_portfolio (self);
}

CcScenarios *
cc_portfolio_page_get_scenarios (CcPortfolioPage *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO_PAGE (self), NULL);
  return self->scenarios;
}
