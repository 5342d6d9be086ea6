/* cc-monitor-card.c: the monitor cards and their fetch. */
#define G_LOG_DOMAIN "cc-monitor-card"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-data-error.h"
#include "cc-edgar-monitors.h"
#include "cc-edgar-store.h"
#include "cc-format.h"
#include "cc-monitor-card.h"

typedef struct {
  GtkWidget *box;
  GtkWidget *value;
  GtkWidget *change;
  GtkWidget *chart;
  GtkWidget *source;
  GtkWidget *sentence;
  char      *feeds;      /* what the card's figures add to the assessment, or NULL */
  GtkWidget *fetched;
  GtkWidget *stale;
  GtkWidget *contact;
} Card;

struct _CcMonitorCards {
  GtkBox              parent_instance;

  GSettings          *settings;
  char               *cache_dir;
  GCancellable       *cancellable;
  CcReportedMonitors *data;
  char               *problem;
  Card                cards[CC_N_MONITORS];
};

enum {
  REPORTED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CcMonitorCards, cc_monitor_cards, GTK_TYPE_BOX)

/* Where each card would get its numbers, said before there are any. */
static const char *
offline_source (CcMonitor monitor)
{
  switch (monitor)
    {
    case CC_MONITOR_CAPEX:
      return _("From SEC EDGAR: the capital expenditure Meta, Microsoft, Alphabet, Amazon and "
               "Oracle report in their 10-Q and 10-K filings.");
    case CC_MONITOR_MEMORY_PRICES:
      return _("From SEC EDGAR: Micron’s gross margin from its filings, a proxy for memory "
               "prices, not a spot price.");
    case CC_MONITOR_AI_ADOPTION:
      return _("From SEC EDGAR: NVIDIA’s quarterly revenue growth from its filings, a proxy for "
               "AI demand.");
    case CC_MONITOR_MINER_CONTRACTS:
      return _("From SEC EDGAR: the 8-K filings announcing material agreements (item 1.01) of "
               "IREN, Core Scientific and TeraWulf.");
    case CC_MONITOR_NONE:
    case CC_N_MONITORS:
    default:
      return "";
    }
}

static const char *
card_title (CcMonitor monitor)
{
  switch (monitor)
    {
    case CC_MONITOR_CAPEX:
      return _("Hyperscaler capex");
    case CC_MONITOR_MEMORY_PRICES:
      return _("Memory pricing proxy");
    case CC_MONITOR_AI_ADOPTION:
      return _("AI demand proxy");
    case CC_MONITOR_MINER_CONTRACTS:
      return _("Miners’ AI contracts");
    case CC_MONITOR_NONE:
    case CC_N_MONITORS:
    default:
      return "";
    }
}

static char *
format_value (CcMonitor             kind,
              const CcMonitorPoint *p)
{
  switch (kind)
    {
    case CC_MONITOR_CAPEX:
      {
        g_autofree char *number = cc_format_number (p->value / 1e9, 1, TRUE);

        return g_strdup_printf (_("$%s bn"), number);
      }
    case CC_MONITOR_MEMORY_PRICES:
      return cc_format_percent (p->value * 100, 1, FALSE);
    case CC_MONITOR_AI_ADOPTION:
      return cc_format_percent (p->value * 100, 1, TRUE);
    case CC_MONITOR_MINER_CONTRACTS:
    case CC_MONITOR_NONE:
    case CC_N_MONITORS:
    default:
      return g_strdup_printf ("%.0f", p->value);
    }
}

static char *
format_change (CcMonitor             kind,
               const CcMonitorPoint *p)
{
  g_autofree char *amount = NULL;

  if (!p->has_change)
    return g_strdup (_("no change on a year yet"));
  if (kind == CC_MONITOR_MEMORY_PRICES || kind == CC_MONITOR_AI_ADOPTION)
    amount = cc_format_points (p->change * 100, 1);
  else
    amount = cc_format_percent (p->change * 100, 1, TRUE);
  if (kind == CC_MONITOR_AI_ADOPTION)
    /* TRANSLATORS: a change in percentage points against the quarter before */
    return g_strdup_printf (_("%s on the quarter before"), amount);
  /* TRANSLATORS: a change against the same quarter a year before */
  return g_strdup_printf (_("%s on a year"), amount);
}

/* Bars of the headline series (the last eight quarters), a zero line when values go both
 * ways; colours from the style. */
static void
chart_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  CcMonitorCards *self = g_object_get_data (G_OBJECT (area), "cards");
  CcMonitor kind = GPOINTER_TO_INT (user_data);
  const CcReportedMonitor *m = self && self->data ? self->data->monitors[kind] : NULL;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA fg, accent;
  double lo = 0, hi = 0, zero_y, slot;
  guint first, n;

  if (m == NULL || m->points->len == 0)
    return;
  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  first = m->points->len > 8 ? m->points->len - 8 : 0;
  n = m->points->len - first;
  for (guint i = first; i < m->points->len; i++)
    {
      const CcMonitorPoint *p = &g_array_index (m->points, CcMonitorPoint, i);

      if (!p->complete)
        continue;
      lo = MIN (lo, p->value);
      hi = MAX (hi, p->value);
    }
  if (hi - lo <= 0)
    return;
  slot = (double) width / n;
  zero_y = height * hi / (hi - lo);
  for (guint i = first; i < m->points->len; i++)
    {
      const CcMonitorPoint *p = &g_array_index (m->points, CcMonitorPoint, i);
      double x = (i - first) * slot + slot * 0.15;
      double y = height * (hi - p->value) / (hi - lo);

      if (!p->complete)
        {
          /* A quarter without every company: an outline, no bar. */
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
          cairo_rectangle (cr, x + 0.5, 0.5, slot * 0.7 - 1, height - 1);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          continue;
        }
      gdk_cairo_set_source_rgba (cr, &accent);
      if (i + 1 < m->points->len)
        cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.55);
      cairo_rectangle (cr, x, MIN (y, zero_y), slot * 0.7, MAX (1, fabs (zero_y - y)));
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
  cairo_rectangle (cr, 0, MIN (zero_y, height - 1), width, 1);
  cairo_fill (cr);
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static void
build_card (CcMonitorCards *self,
            CcMonitor       kind)
{
  Card *c = &self->cards[kind];
  GtkWidget *title, *top, *row;

  c->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (c->box, "card");
  gtk_widget_set_margin_bottom (c->box, 8);
  top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 10);
  gtk_widget_set_margin_bottom (top, 10);
  gtk_box_append (GTK_BOX (c->box), top);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (card_title (kind));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Wrapped: the French titles are wider than the panel. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (row), title);
  c->stale = gtk_label_new (_("Stale"));
  gtk_widget_add_css_class (c->stale, "warning");
  gtk_widget_add_css_class (c->stale, "caption-heading");
  gtk_widget_set_visible (c->stale, FALSE);
  gtk_box_append (GTK_BOX (row), c->stale);
  gtk_box_append (GTK_BOX (top), row);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  c->value = gtk_label_new (NULL);
  gtk_widget_add_css_class (c->value, "title-3");
  gtk_widget_add_css_class (c->value, "numeric");
  gtk_box_append (GTK_BOX (row), c->value);
  c->change = dim_label (NULL);
  gtk_widget_set_valign (c->change, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (row), c->change);
  gtk_box_append (GTK_BOX (top), row);

  c->chart = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (c->chart), 48);
  g_object_set_data (G_OBJECT (c->chart), "cards", self);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (c->chart), chart_draw_cb,
                                  GINT_TO_POINTER (kind), NULL);
  gtk_box_append (GTK_BOX (top), c->chart);

  c->sentence = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (c->sentence), 0);
  gtk_label_set_wrap (GTK_LABEL (c->sentence), TRUE);
  gtk_box_append (GTK_BOX (top), c->sentence);
  c->source = dim_label (offline_source (kind));
  gtk_box_append (GTK_BOX (top), c->source);
  c->fetched = dim_label (NULL);
  gtk_box_append (GTK_BOX (top), c->fetched);
  c->contact = gtk_button_new ();
  {
    /* The panel is narrow: the label wraps rather than being cut. */
    GtkWidget *label = gtk_label_new_with_mnemonic (_("Set _Contact for SEC EDGAR…"));

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), c->contact);
    gtk_button_set_child (GTK_BUTTON (c->contact), label);
  }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (c->contact), "app.edgar-contact");
  gtk_widget_set_halign (c->contact, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), c->contact);
  gtk_box_append (GTK_BOX (self), c->box);
}

static void
show_card (CcMonitorCards *self,
           CcMonitor       kind)
{
  Card *c = &self->cards[kind];
  const CcReportedMonitor *m = self->data ? self->data->monitors[kind] : NULL;
  const CcMonitorPoint *p = m ? cc_monitor_get_latest (m) : NULL;
  gboolean has_contact;
  g_autofree char *contact = g_settings_get_string (self->settings, "edgar-contact");

  has_contact = cc_edgar_contact_is_valid (g_strstrip (contact));
  gtk_widget_set_visible (c->contact, !has_contact);
  gtk_widget_set_visible (c->value, p != NULL);
  gtk_widget_set_visible (c->change, p != NULL);
  gtk_widget_set_visible (c->chart, p != NULL);
  gtk_widget_set_visible (c->sentence, p != NULL || self->problem != NULL);
  gtk_widget_set_visible (c->fetched, p != NULL);
  gtk_widget_set_visible (c->stale, FALSE);
  if (p == NULL)
    {
      gtk_label_set_text (GTK_LABEL (c->source), offline_source (kind));
      gtk_label_set_text (GTK_LABEL (c->sentence), self->problem ? self->problem : "");
      return;
    }
  {
    g_autofree char *value = format_value (kind, p);
    g_autofree char *change_only = format_change (kind, p);
    /* The quarter the headline figure is of, first: the sentence below may speak of a later
     * one (the miners' quarters with no filing count none). */
    g_autofree char *period = kind == CC_MONITOR_MEMORY_PRICES || kind == CC_MONITOR_AI_ADOPTION
                              /* TRANSLATORS: a fiscal year and quarter, e.g. "fiscal 2026 Q3" */
                              ? g_strdup_printf (_("fiscal %d Q%d"), p->year, p->quarter)
                              /* TRANSLATORS: a calendar year and quarter, e.g. "2026 Q2" */
                              : g_strdup_printf (_("%d Q%d"), p->year, p->quarter);
    /* TRANSLATORS: the quarter of a monitor's figure, then its change, e.g.
     * "2026 Q2 · +12.0% on a year" */
    g_autofree char *change = kind == CC_MONITOR_MINER_CONTRACTS && !p->has_change
                              ? g_strdup (period)
                              : g_strdup_printf (_("%s · %s"), period, change_only);
    g_autofree char *sentence = cc_monitor_describe (m);
    g_autofree char *filed = cc_date_to_iso (p->filed);
    g_autofree char *source = NULL;
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (self->data->fetched_at);
    g_autofree char *when_text = when ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
    g_autofree char *fetched = NULL;
    gint64 age = g_get_real_time () / G_USEC_PER_SEC - self->data->fetched_at;

    /* TRANSLATORS: a form ("10-Q"), a date, then where the figures come from */
    source = g_strdup_printf (_("Latest from %s filed %s. %s"), p->form ? p->form : "?", filed,
                              m->source);
    if (kind == CC_MONITOR_CAPEX && m->last_guidance != CC_DATE_INVALID)
      {
        g_autofree char *last = cc_date_to_iso (m->last_guidance);
        g_autofree char *next = cc_date_to_iso (m->next_guidance);
        g_autofree char *more = g_strdup_printf (_("Capex guidance: last %s (%s), next around "
                                                   "%s (%s, an estimate)."),
                                                 last, m->last_guidance_symbol, next,
                                                 m->next_guidance_symbol);
        char *joined = g_strconcat (source, ". ", more, NULL);

        g_free (source);
        source = joined;
      }
    /* TRANSLATORS: a date and time */
    fetched = g_strdup_printf (_("Fetched from SEC EDGAR %s"), when_text ? when_text : "—");
    gtk_label_set_text (GTK_LABEL (c->value), value);
    gtk_label_set_text (GTK_LABEL (c->change), change);
    /* Where a rule reads these figures, the card says what they add to the assessment. */
    gtk_label_set_text (GTK_LABEL (c->sentence), c->feeds ? c->feeds : sentence);
    gtk_label_set_text (GTK_LABEL (c->source), source);
    gtk_label_set_text (GTK_LABEL (c->fetched), fetched);
    gtk_widget_set_visible (c->stale, age > CC_MONITOR_STALE_SECONDS);
    gtk_widget_queue_draw (c->chart);
  }
}

static void
show_all (CcMonitorCards *self)
{
  for (CcMonitor k = CC_MONITOR_CAPEX; k < CC_N_MONITORS; k++)
    show_card (self, k);
}

/* The client blocks: in a worker thread. */
static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CcEdgarClient *client = task_data;
  g_autoptr(GError) error = NULL;
  CcReportedMonitors *monitors;

  monitors = cc_edgar_fetch_monitors (client, CC_DATE_INVALID, cancellable, &error);
  if (monitors == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, monitors, (GDestroyNotify) cc_reported_monitors_unref);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CcMonitorCards *self = CC_MONITOR_CARDS (source);
  g_autoptr(GError) error = NULL;
  CcReportedMonitors *monitors = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->problem, g_free);
  if (monitors == NULL)
    {
      /* Keep what was shown before; say why it was not renewed. */
      if (!g_error_matches (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT))
        self->problem = g_strdup (error->message);
    }
  else
    {
      g_clear_pointer (&self->data, cc_reported_monitors_unref);
      self->data = monitors;
      show_all (self);
      g_signal_emit (self, signals[REPORTED_CHANGED], 0);
      return;
    }
  show_all (self);
}

void
cc_monitor_cards_refresh (CcMonitorCards *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *contact = NULL;

  g_return_if_fail (CC_IS_MONITOR_CARDS (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_all (self);
  contact = g_strstrip (g_settings_get_string (self->settings, "edgar-contact"));
  /* No request without a contact: the cards say where their numbers would come from. */
  if (!cc_edgar_contact_is_valid (contact))
    return;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, fetch_done_cb, NULL);
  g_task_set_source_tag (task, cc_monitor_cards_refresh);
  g_task_set_task_data (task, cc_edgar_store_new_client (self->settings, self->cache_dir),
                        g_object_unref);
  g_task_run_in_thread (task, fetch_thread);
}

static void
settings_changed_cb (CcMonitorCards *self,
                     const char     *key)
{
  if (g_str_has_prefix (key, "edgar-"))
    cc_monitor_cards_refresh (self);
}

CcReportedMonitors *
cc_monitor_cards_get_reported (CcMonitorCards *self)
{
  g_return_val_if_fail (CC_IS_MONITOR_CARDS (self), NULL);
  return self->data;
}

void
cc_monitor_cards_set_assessment (CcMonitorCards *self,
                                 CcAssessment   *assessment)
{
  g_return_if_fail (CC_IS_MONITOR_CARDS (self));

  for (CcMonitor k = CC_MONITOR_CAPEX; k < CC_N_MONITORS; k++)
    {
      Card *c = &self->cards[k];
      g_autoptr(GPtrArray) reasons = NULL;
      GString *text;

      g_clear_pointer (&c->feeds, g_free);
      if (assessment == NULL)
        continue;
      reasons = cc_assessment_get_monitor_reasons (assessment, k);
      if (reasons->len == 0)
        continue;
      /* TRANSLATORS: before the sentences a monitor's figures add to the assessment */
      text = g_string_new (_("In the assessment:"));
      for (guint i = 0; i < reasons->len; i++)
        {
          const CcReason *r = g_ptr_array_index (reasons, i);

          g_string_append_c (text, ' ');
          g_string_append (text, r->sentence);
        }
      c->feeds = g_string_free (text, FALSE);
    }
  show_all (self);
}

gboolean
cc_monitor_cards_is_busy (CcMonitorCards *self)
{
  g_return_val_if_fail (CC_IS_MONITOR_CARDS (self), FALSE);
  return self->cancellable != NULL;
}

char *
cc_monitor_cards_describe (CcMonitorCards *self,
                           CcMonitor       monitor)
{
  Card *c;

  g_return_val_if_fail (CC_IS_MONITOR_CARDS (self), NULL);
  g_return_val_if_fail (monitor > CC_MONITOR_NONE && monitor < CC_N_MONITORS, NULL);

  c = &self->cards[monitor];
  if (!gtk_widget_get_visible (c->value))
    return g_strdup_printf ("%s\n%s", card_title (monitor),
                            gtk_label_get_text (GTK_LABEL (c->source)));
  return g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s%s", card_title (monitor),
                          gtk_label_get_text (GTK_LABEL (c->value)),
                          gtk_label_get_text (GTK_LABEL (c->change)),
                          gtk_label_get_text (GTK_LABEL (c->sentence)),
                          gtk_label_get_text (GTK_LABEL (c->source)),
                          gtk_label_get_text (GTK_LABEL (c->fetched)),
                          gtk_widget_get_visible (c->stale) ? "\nStale" : "");
}

static void
cc_monitor_cards_dispose (GObject *object)
{
  CcMonitorCards *self = CC_MONITOR_CARDS (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (cc_monitor_cards_parent_class)->dispose (object);
}

static void
cc_monitor_cards_finalize (GObject *object)
{
  CcMonitorCards *self = CC_MONITOR_CARDS (object);

  g_clear_pointer (&self->data, cc_reported_monitors_unref);
  for (CcMonitor k = 0; k < CC_N_MONITORS; k++)
    g_free (self->cards[k].feeds);
  g_free (self->problem);
  g_free (self->cache_dir);
  G_OBJECT_CLASS (cc_monitor_cards_parent_class)->finalize (object);
}

static void
cc_monitor_cards_class_init (CcMonitorCardsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_monitor_cards_dispose;
  object_class->finalize = cc_monitor_cards_finalize;

  /* The fetched figures changed (cc_monitor_cards_get_reported()). */
  signals[REPORTED_CHANGED] = g_signal_new ("reported-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
cc_monitor_cards_init (CcMonitorCards *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 0);
}

GtkWidget *
cc_monitor_cards_new (GSettings  *settings,
                      const char *cache_dir)
{
  CcMonitorCards *self = g_object_new (CC_TYPE_MONITOR_CARDS, NULL);

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self->settings = g_object_ref (settings);
  self->cache_dir = g_strdup (cache_dir);
  for (CcMonitor k = CC_MONITOR_CAPEX; k < CC_N_MONITORS; k++)
    build_card (self, k);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  cc_monitor_cards_refresh (self);
  return GTK_WIDGET (self);
}
