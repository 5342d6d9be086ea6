/* cc-filing-study-card.c: the event study over filings, in the side panel. */
#define G_LOG_DOMAIN "cc-filing-study-card"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-accessible.h"
#include "cc-catalogue.h"
#include "cc-data-error.h"
#include "cc-edgar-client.h"
#include "cc-edgar-store.h"
#include "cc-filing-study-card.h"
#include "cc-filing-study.h"
#include "cc-format.h"
#include "cc-monitor-card.h"

#define DEFAULT_LAST 8
#define N_EVENT_COLUMNS 6

struct _CcFilingStudyCard {
  GtkBox              parent_instance;

  GSettings          *settings;
  char               *cache_dir;
  CcDataset          *dataset;
  CcDate              as_of;
  GStrv               items;

  GtkStringList      *symbols;
  GtkWidget          *symbol_dropdown;
  GtkWidget          *kind_dropdown;
  GtkWidget          *last_spin;
  GtkWidget          *study_button;
  GtkWidget          *status;
  GtkWidget          *contact;
  GtkWidget          *result_box;
  GtkWidget          *summary;
  GtkWidget          *stale;
  GtkWidget          *windows_grid;
  GtkWidget          *events_grid;
  GtkWidget          *note;
  GtkWidget          *fetched;

  GCancellable       *cancellable;
  /* The filings of the last study's company and kind, oldest first, and what it studied. */
  GPtrArray          *filings;          /* CcEdgarFiling */
  char               *filings_symbol;
  CcFilingKind        filings_kind;
  guint               filings_last;
  gint64              fetched_at;
  CcFilingStudy      *study;
  char               *problem;
};

G_DEFINE_FINAL_TYPE (CcFilingStudyCard, cc_filing_study_card, GTK_TYPE_BOX)

typedef struct {
  CcEdgarClient *client;
  char          *symbol;
  CcFilingKind   kind;
  guint          last;
  GPtrArray     *filings;   /* the result */
  gint64         fetched_at;
} Job;

static void
job_free (gpointer p)
{
  Job *job = p;

  g_clear_object (&job->client);
  g_free (job->symbol);
  g_clear_pointer (&job->filings, g_ptr_array_unref);
  g_free (job);
}

/* The short names of the kinds for the selector; the chart's key has the forms. */
static const char *
kind_name (CcFilingKind kind)
{
  switch (kind)
    {
    case CC_FILING_RESULTS:
      /* TRANSLATORS: a kind of SEC filing in the filing study's selector */
      return _("Results");
    case CC_FILING_AGREEMENT:
      /* TRANSLATORS: a kind of SEC filing in the filing study's selector (8-K item 1.01) */
      return _("Material agreements");
    case CC_FILING_LISTING:
      /* TRANSLATORS: a kind of SEC filing in the filing study's selector (S-1, 424B) */
      return _("Listings");
    case CC_FILING_OTHER:
    case CC_N_FILING_KINDS:
    default:
      /* TRANSLATORS: a kind of SEC filing in the filing study's selector */
      return _("Other 8-Ks");
    }
}

static gboolean
has_contact (CcFilingStudyCard *self)
{
  g_autofree char *contact = g_settings_get_string (self->settings, "edgar-contact");

  return cc_edgar_contact_is_valid (g_strstrip (contact));
}

static const char *
selected_symbol (CcFilingStudyCard *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->symbol_dropdown));

  if (i == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->symbols, i);
}

static CcFilingKind
selected_kind (CcFilingStudyCard *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown));

  return i < CC_N_FILING_KINDS ? (CcFilingKind) i : CC_FILING_RESULTS;
}

static guint
selected_last (CcFilingStudyCard *self)
{
  return (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->last_spin));
}

/* The last ^SOX close on or before the as-of day: the day the command line's study ends. */
static CcDate
study_as_of (CcFilingStudyCard *self)
{
  CcSeries *sox = self->dataset ? cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX) : NULL;
  int i;

  if (sox == NULL || cc_series_get_n_points (sox) == 0)
    return CC_DATE_INVALID;
  if (self->as_of == CC_DATE_INVALID)
    return cc_series_get_last (sox)->date;
  i = cc_series_find_on_or_before (sox, self->as_of);
  return cc_series_get_point (sox, MAX (i, 0))->date;
}

static void
update_controls (CcFilingStudyCard *self)
{
  gboolean contact = has_contact (self);
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_visible (self->contact, !contact);
  gtk_widget_set_sensitive (self->study_button,
                            contact && !busy && selected_symbol (self) != NULL);
  if (!contact)
    gtk_label_set_text (GTK_LABEL (self->status),
                        _("The study reads the company’s filings from SEC EDGAR, which asks "
                          "every program for a contact address first: nothing is asked of it "
                          "until one is set."));
  else if (busy)
    gtk_label_set_text (GTK_LABEL (self->status), _("Reading the filings from SEC EDGAR…"));
  else if (self->problem != NULL)
    gtk_label_set_text (GTK_LABEL (self->status), self->problem);
  else if (self->study == NULL)
    gtk_label_set_text (GTK_LABEL (self->status),
                        _("Pick a company and a kind of filing: the study lines up its latest "
                          "event days and measures each against the SOX."));
  else
    gtk_label_set_text (GTK_LABEL (self->status), "");
  gtk_widget_set_visible (self->status,
                          *gtk_label_get_text (GTK_LABEL (self->status)) != '\0');
}

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

static GtkWidget *
cell (GtkWidget  *grid,
      int         column,
      int         row,
      const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, "caption");
  if (heading)
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), column == 0 ? GTK_JUSTIFY_LEFT
                                                            : GTK_JUSTIFY_RIGHT);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (GTK_GRID (grid), label, column, row, 1, 1);
  return label;
}

static char *
window_name (guint w)
{
  const CcEventWindow *win = &cc_event_study_windows[w];

  if (win->first == win->last)
    /* TRANSLATORS: the event-study window of the event day alone */
    return g_strdup (_("Day 0"));
  /* Minus signs as the numbers have them. */
  return g_strdup_printf ("[%s%d,%s%d]", win->first < 0 ? "−" : "", ABS (win->first),
                          win->last > 0 ? "+" : "", win->last);
}

static char *
event_day_text (const CcFilingEvent *event)
{
  char day[11];

  cc_date_format_iso (event->event_day, day);
  /* † as in the command line's table: the day's bars are not market data. */
  return g_strdup_printf ("%s%s%s", day, event->intraday ? "*" : "",
                          event->row->provenance != CC_PROVENANCE_OBSERVED ? " †" : "");
}

static void
show_study (CcFilingStudyCard *self)
{
  CcFilingStudy *study = self->study;
  gboolean marks = FALSE, intraday = FALSE;
  GString *note;

  update_controls (self);
  gtk_widget_set_visible (self->result_box, study != NULL);
  if (study == NULL)
    return;

  {
    char when[11];
    g_autofree char *summary = NULL;

    cc_date_format_iso (study->as_of, when);
    /* TRANSLATORS: a ticker, a kind of filing ("Results"), a number of event days and the
     * day the data ends */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s, %s: %u event day, market model against the "
                                            "SOX, data up to %s",
                                            "%s, %s: %u event days, market model against the "
                                            "SOX, data up to %s", study->events->len),
                               study->symbol, kind_name (self->filings_kind),
                               study->events->len, when);
    gtk_label_set_text (GTK_LABEL (self->summary), summary);
  }

  clear_grid (self->windows_grid);
  cell (self->windows_grid, 0, 0, _("Window"), TRUE);
  cell (self->windows_grid, 1, 0, _("Events"), TRUE);
  cell (self->windows_grid, 2, 0, _("Mean CAR"), TRUE);
  /* TRANSLATORS: the t-statistic's column heading */
  cell (self->windows_grid, 3, 0, _("t"), TRUE);
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      g_autofree char *name = window_name (w);
      g_autofree char *n = g_strdup_printf ("%u", study->n[w]);
      g_autofree char *mean = cc_format_return (study->n[w] > 0 ? study->mean_car[w] : NAN);
      g_autofree char *t = cc_format_t_stat (study->t_stat[w]);

      cell (self->windows_grid, 0, w + 1, name, FALSE);
      cell (self->windows_grid, 1, w + 1, n, FALSE);
      cell (self->windows_grid, 2, w + 1, mean, FALSE);
      cell (self->windows_grid, 3, w + 1, t, FALSE);
    }

  clear_grid (self->events_grid);
  cell (self->events_grid, 0, 0, _("Event day"), TRUE);
  cell (self->events_grid, 1, 0, _("Form"), TRUE);
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      g_autofree char *name = w == 0 ? g_strdup (_("AR")) : window_name (w);

      cell (self->events_grid, 2 + w, 0, name, TRUE);
    }
  for (guint i = 0; i < study->events->len; i++)
    {
      const CcFilingEvent *event = g_ptr_array_index (study->events, i);
      const CcEventStudyRow *row = event->row;
      g_autofree char *day = event_day_text (event);
      GtkWidget *label;

      marks |= row->provenance != CC_PROVENANCE_OBSERVED;
      intraday |= event->intraday;
      label = cell (self->events_grid, 0, i + 1, day, FALSE);
      if (row->model_problem != NULL)
        gtk_widget_set_tooltip_text (label, row->model_problem);
      label = cell (self->events_grid, 1, i + 1, event->form, FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if (*event->items != '\0')
        {
          g_autofree char *tip = g_strdup_printf (_("Items %s, accession %s"), event->items,
                                                  event->accession);

          gtk_widget_set_tooltip_text (label, tip);
        }
      for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          g_autofree char *car = cc_format_return (row->has_car[w] ? row->car[w] : NAN);

          cell (self->events_grid, 2 + w, i + 1, car, FALSE);
        }
    }

  note = g_string_new (_("CAR: the return beyond what the SOX’s move explains (market model "
                         "over the 250 sessions before each event). t: the mean CAR over its "
                         "standard error across the events."));
  if (intraday)
    {
      g_string_append_c (note, ' ');
      g_string_append (note, _("* filed while the market was open."));
    }
  if (marks)
    {
      g_string_append_c (note, ' ');
      g_string_append (note, _("† the day’s prices were rebuilt from the article’s figures, "
                               "not market data."));
    }
  gtk_label_set_text (GTK_LABEL (self->note), note->str);
  g_string_free (note, TRUE);

  {
    g_autoptr(GDateTime) when = self->fetched_at > 0
                                  ? g_date_time_new_from_unix_local (self->fetched_at) : NULL;
    g_autofree char *when_text = when ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
    g_autofree char *fetched = g_strdup_printf (_("Filings fetched from SEC EDGAR %s"),
                                                when_text ? when_text : "—");
    gint64 age = g_get_real_time () / G_USEC_PER_SEC - self->fetched_at;

    gtk_label_set_text (GTK_LABEL (self->fetched), fetched);
    gtk_widget_set_visible (self->stale, self->fetched_at > 0 &&
                                         age > CC_MONITOR_STALE_SECONDS);
  }
}

/* Studies the filings in memory over the data as it is now. */
static void
recompute (CcFilingStudyCard *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->study, cc_filing_study_free);
  if (self->filings == NULL || self->dataset == NULL)
    {
      show_study (self);
      return;
    }
  g_clear_pointer (&self->problem, g_free);
  if (self->filings->len == 0)
    /* TRANSLATORS: a ticker, then a kind of filing ("Results") */
    self->problem = g_strdup_printf (_("SEC EDGAR lists no filing of %s of the kind “%s”."),
                                     self->filings_symbol, kind_name (self->filings_kind));
  else
    {
      self->study = cc_filing_study_new (self->dataset, self->filings_symbol, self->filings,
                                         self->filings_last, study_as_of (self), &error);
      if (self->study == NULL)
        self->problem = g_strdup (error->message);
    }
  show_study (self);
}

/* The client blocks: in a worker thread. Only the filings are read there; the study runs on
 * the main thread, over the window's own prices. */
static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcEdgarSubmissions) submissions = NULL;
  CcEdgarQuery query = { CC_DATE_INVALID, CC_DATE_INVALID, NULL, NULL };

  submissions = cc_edgar_client_get_filings (job->client, job->symbol, &query, cancellable,
                                             &error);
  if (submissions == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->fetched_at = cc_edgar_client_get_fetched_at (job->client);
  job->filings = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_edgar_filing_free);
  /* The kind the chart's marker shows, as `analyze --filings --kind` takes it. */
  while (submissions->filings->len > 0)
    {
      CcEdgarFiling *f = g_ptr_array_steal_index (submissions->filings, 0);
      CcFilingKind kind;

      if (cc_filing_kind_classify (f->form, (const char * const *) f->items, &kind) &&
          kind == job->kind)
        g_ptr_array_add (job->filings, f);
      else
        cc_edgar_filing_free (f);
    }
  g_task_return_boolean (task, TRUE);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CcFilingStudyCard *self = CC_FILING_STUDY_CARD (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      /* What was shown stays; the line above it says why it was not renewed. */
      g_clear_pointer (&self->problem, g_free);
      self->problem = g_strdup (error->message);
      show_study (self);
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->filings, g_ptr_array_unref);
  self->filings = g_steal_pointer (&job->filings);
  g_free (self->filings_symbol);
  self->filings_symbol = g_strdup (job->symbol);
  self->filings_kind = job->kind;
  self->filings_last = job->last;
  self->fetched_at = job->fetched_at;
  recompute (self);
}

void
cc_filing_study_card_run (CcFilingStudyCard *self)
{
  g_autoptr(GTask) task = NULL;
  const char *symbol;
  Job *job;

  g_return_if_fail (CC_IS_FILING_STUDY_CARD (self));

  symbol = selected_symbol (self);
  /* No request without a contact (the SEC's rule): the status line and button say so. */
  if (symbol == NULL || !has_contact (self))
    {
      update_controls (self);
      return;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->problem, g_free);
  self->cancellable = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->client = cc_edgar_store_new_client (self->settings, self->cache_dir);
  job->symbol = g_strdup (symbol);
  job->kind = selected_kind (self);
  job->last = selected_last (self);
  task = g_task_new (self, self->cancellable, fetch_done_cb, NULL);
  g_task_set_source_tag (task, cc_filing_study_card_run);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, fetch_thread);
  update_controls (self);
}

static void
study_clicked_cb (CcFilingStudyCard *self)
{
  cc_filing_study_card_run (self);
}

static void
settings_changed_cb (CcFilingStudyCard *self,
                     const char        *key)
{
  if (!g_str_has_prefix (key, "edgar-"))
    return;
  /* Another server: what came from the old one is not shown as its. */
  if (!g_str_equal (key, "edgar-contact"))
    {
      g_clear_pointer (&self->filings, g_ptr_array_unref);
      g_clear_pointer (&self->study, cc_filing_study_free);
    }
  update_controls (self);
  show_study (self);
}

/* The plain tickers of the chart with prices to study, in the chart's order. */
static void
fill_symbols (CcFilingStudyCard *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) wanted = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *current = selected_symbol (self);
  g_autofree char *keep = g_strdup (current);
  guint n, select = 0;

  if (self->items != NULL)
    for (guint i = 0; self->items[i] != NULL; i++)
      {
        if (cc_edgar_store_can_fetch (self->items[i]) && self->dataset != NULL &&
            cc_dataset_get_series (self->dataset, self->items[i]) != NULL)
          g_strv_builder_add (builder, self->items[i]);
      }
  else if (self->dataset != NULL)
    {
      all = cc_dataset_list_symbols (self->dataset);
      for (guint i = 0; i < all->len; i++)
        if (cc_edgar_store_can_fetch (g_ptr_array_index (all, i)))
          g_strv_builder_add (builder, g_ptr_array_index (all, i));
    }
  wanted = g_strv_builder_end (builder);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  {
    g_auto(GStrv) now = g_new0 (char *, n + 1);

    for (guint i = 0; i < n; i++)
      now[i] = g_strdup (gtk_string_list_get_string (self->symbols, i));
    if (g_strv_equal ((const char * const *) now, (const char * const *) wanted))
      return;
  }
  for (guint i = 0; keep != NULL && wanted[i] != NULL; i++)
    if (g_str_equal (wanted[i], keep))
      select = i;
  gtk_string_list_splice (self->symbols, 0, n, (const char * const *) wanted);
  if (wanted[0] != NULL)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->symbol_dropdown), select);
  update_controls (self);
}

void
cc_filing_study_card_set_dataset (CcFilingStudyCard *self,
                                  CcDataset         *dataset)
{
  g_return_if_fail (CC_IS_FILING_STUDY_CARD (self));

  if (g_set_object (&self->dataset, dataset))
    {
      fill_symbols (self);
      recompute (self);
    }
}

void
cc_filing_study_card_set_as_of (CcFilingStudyCard *self,
                                CcDate             as_of)
{
  g_return_if_fail (CC_IS_FILING_STUDY_CARD (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  recompute (self);
}

void
cc_filing_study_card_set_items (CcFilingStudyCard  *self,
                                const char * const *items)
{
  g_return_if_fail (CC_IS_FILING_STUDY_CARD (self));

  g_strfreev (self->items);
  self->items = g_strdupv ((char **) items);
  fill_symbols (self);
}

gboolean
cc_filing_study_card_select (CcFilingStudyCard *self,
                             const char        *symbol,
                             CcFilingKind       kind,
                             guint              last)
{
  guint n;

  g_return_val_if_fail (CC_IS_FILING_STUDY_CARD (self), FALSE);
  g_return_val_if_fail (kind < CC_N_FILING_KINDS, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->symbols, i), symbol))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->symbol_dropdown), i);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown), kind);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->last_spin), last);
        return TRUE;
      }
  return FALSE;
}

gboolean
cc_filing_study_card_is_busy (CcFilingStudyCard *self)
{
  g_return_val_if_fail (CC_IS_FILING_STUDY_CARD (self), FALSE);
  return self->cancellable != NULL;
}

static char *
grid_text (GtkWidget *grid,
           int        column,
           int        row)
{
  GtkWidget *child = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

  return child != NULL ? g_strdup (gtk_label_get_text (GTK_LABEL (child))) : NULL;
}

char *
cc_filing_study_card_dup_cell (CcFilingStudyCard *self,
                               const char        *key)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  g_return_val_if_fail (CC_IS_FILING_STUDY_CARD (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "status"))
    return gtk_widget_get_visible (self->status)
             ? g_strdup (gtk_label_get_text (GTK_LABEL (self->status))) : NULL;
  if (!gtk_widget_get_visible (self->result_box))
    return NULL;
  if (g_str_equal (key, "summary"))
    return g_strdup (gtk_label_get_text (GTK_LABEL (self->summary)));
  if (g_str_equal (key, "fetched"))
    return g_strdup (gtk_label_get_text (GTK_LABEL (self->fetched)));
  if (g_str_equal (key, "note"))
    return g_strdup (gtk_label_get_text (GTK_LABEL (self->note)));
  if (g_str_equal (key, "stale"))
    return g_strdup (gtk_widget_get_visible (self->stale) ? "stale" : "fresh");
  if (g_str_equal (key, "events"))
    {
      guint rows = 0;

      while (gtk_grid_get_child_at (GTK_GRID (self->events_grid), 0, rows + 1) != NULL)
        rows++;
      return g_strdup_printf ("%u", rows);
    }
  parts = g_strsplit (key, ":", -1);
  n = g_strv_length (parts);
  if (n == 3 && g_str_equal (parts[0], "window"))
    {
      guint w = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      int column = g_str_equal (parts[2], "events") ? 1 : g_str_equal (parts[2], "mean") ? 2
                 : g_str_equal (parts[2], "t") ? 3 : -1;

      if (w >= CC_EVENT_STUDY_N_WINDOWS || column < 0)
        return NULL;
      return grid_text (self->windows_grid, column, w + 1);
    }
  if ((n == 3 || n == 4) && g_str_equal (parts[0], "event"))
    {
      guint i = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      int column = -1;

      if (g_str_equal (parts[2], "day"))
        column = 0;
      else if (g_str_equal (parts[2], "form"))
        column = 1;
      else if (g_str_equal (parts[2], "ar"))
        column = 2;
      else if (g_str_equal (parts[2], "car") && n == 4)
        {
          guint w = (guint) g_ascii_strtoull (parts[3], NULL, 10);

          if (w < CC_EVENT_STUDY_N_WINDOWS)
            column = 2 + w;
        }
      if (column < 0)
        return NULL;
      return grid_text (self->events_grid, column, i + 1);
    }
  return NULL;
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  return grid;
}

static void
cc_filing_study_card_dispose (GObject *object)
{
  CcFilingStudyCard *self = CC_FILING_STUDY_CARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->dataset);
  g_clear_object (&self->symbols);
  G_OBJECT_CLASS (cc_filing_study_card_parent_class)->dispose (object);
}

static void
cc_filing_study_card_finalize (GObject *object)
{
  CcFilingStudyCard *self = CC_FILING_STUDY_CARD (object);

  g_clear_pointer (&self->filings, g_ptr_array_unref);
  g_clear_pointer (&self->study, cc_filing_study_free);
  g_free (self->filings_symbol);
  g_free (self->problem);
  g_free (self->cache_dir);
  g_strfreev (self->items);
  G_OBJECT_CLASS (cc_filing_study_card_parent_class)->finalize (object);
}

static void
cc_filing_study_card_class_init (CcFilingStudyCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_filing_study_card_dispose;
  object_class->finalize = cc_filing_study_card_finalize;
}

static void
cc_filing_study_card_init (CcFilingStudyCard *self)
{
  GtkWidget *card, *top, *row, *label;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->as_of = CC_DATE_INVALID;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (self), card);
  top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 10);
  gtk_widget_set_margin_bottom (top, 10);
  gtk_box_append (GTK_BOX (card), top);

  /* Company and kind: "results of MU". */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->symbols = gtk_string_list_new (NULL);
  self->symbol_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->symbols)), NULL);
  cc_accessible_name_drop_down (GTK_DROP_DOWN (self->symbol_dropdown), _("Company"));
  gtk_box_append (GTK_BOX (row), self->symbol_dropdown);
  for (CcFilingKind k = 0; k < CC_N_FILING_KINDS; k++)
    gtk_string_list_append (kinds, kind_name (k));
  self->kind_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL);
  gtk_widget_set_hexpand (self->kind_dropdown, TRUE);
  cc_accessible_name_drop_down (GTK_DROP_DOWN (self->kind_dropdown), _("Kind of filing"));
  gtk_box_append (GTK_BOX (row), self->kind_dropdown);
  gtk_box_append (GTK_BOX (top), row);

  /* How many of the latest event days, and the button. */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Last"));
  gtk_box_append (GTK_BOX (row), label);
  self->last_spin = gtk_spin_button_new_with_range (1, 40, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->last_spin), DEFAULT_LAST);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->last_spin);
  gtk_box_append (GTK_BOX (row), self->last_spin);
  label = gtk_label_new (_("event days"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* "jours d’événement" wraps before it widens the panel. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (top), row);
  /* The button on a line of its own: beside the count it made the card 414 px wide in
   * French, 349 px in English, wider than the panel. */
  self->study_button = gtk_button_new_with_mnemonic (_("_Study"));
  gtk_widget_set_halign (self->study_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (self->study_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->study_button,
                               _("Read the company’s filings from SEC EDGAR and study them"));
  g_signal_connect_object (self->study_button, "clicked", G_CALLBACK (study_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (top), self->study_button);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->status), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (top), self->status);
  self->contact = gtk_button_new ();
  {
    /* The panel is narrow: the label wraps rather than being cut. */
    GtkWidget *text = gtk_label_new_with_mnemonic (_("Set _Contact for SEC EDGAR…"));

    gtk_label_set_wrap (GTK_LABEL (text), TRUE);
    gtk_label_set_mnemonic_widget (GTK_LABEL (text), self->contact);
    gtk_button_set_child (GTK_BUTTON (self->contact), text);
  }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->contact), "app.edgar-contact");
  gtk_widget_set_halign (self->contact, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), self->contact);

  self->result_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_visible (self->result_box, FALSE);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_widget_set_hexpand (self->summary, TRUE);
  gtk_box_append (GTK_BOX (row), self->summary);
  self->stale = gtk_label_new (_("Stale"));
  gtk_widget_add_css_class (self->stale, "warning");
  gtk_widget_add_css_class (self->stale, "caption-heading");
  gtk_widget_set_valign (self->stale, GTK_ALIGN_START);
  gtk_widget_set_visible (self->stale, FALSE);
  gtk_box_append (GTK_BOX (row), self->stale);
  gtk_box_append (GTK_BOX (self->result_box), row);
  self->windows_grid = new_grid ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->windows_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Mean CAR of each window across the events"), -1);
  gtk_box_append (GTK_BOX (self->result_box), self->windows_grid);
  self->events_grid = new_grid ();
  gtk_widget_set_margin_top (self->events_grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->events_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("One row per event"), -1);
  gtk_box_append (GTK_BOX (self->result_box), self->events_grid);
  self->note = dim_label (NULL);
  gtk_box_append (GTK_BOX (self->result_box), self->note);
  self->fetched = dim_label (NULL);
  gtk_box_append (GTK_BOX (self->result_box), self->fetched);
  gtk_box_append (GTK_BOX (top), self->result_box);
}

GtkWidget *
cc_filing_study_card_new (GSettings  *settings,
                          const char *cache_dir)
{
  CcFilingStudyCard *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CC_TYPE_FILING_STUDY_CARD, NULL);
  self->settings = g_object_ref (settings);
  self->cache_dir = g_strdup (cache_dir);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbol_dropdown, "notify::selected",
                           G_CALLBACK (update_controls), self, G_CONNECT_SWAPPED);
  update_controls (self);
  return GTK_WIDGET (self);
}
