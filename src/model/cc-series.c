/* cc-series.c: a daily close series with per-point provenance. */
#define G_LOG_DOMAIN "cc-series"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-series.h"

struct _CcSeries
{
  GObject      parent_instance;

  char        *symbol;
  char        *name;
  char        *currency;
  char        *source;
  GArray      *points;    /* CcPoint, sorted by date, unique dates */
  GArray      *actions;   /* CcAction, sorted by date */
  gint64       fetched_at;
  CcLevelKind  level_kind;
  CcOrigin     origin;
};

G_DEFINE_FINAL_TYPE (CcSeries, cc_series, G_TYPE_OBJECT)

static void
cc_series_finalize (GObject *object)
{
  CcSeries *self = (CcSeries *) object;

  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->actions, g_array_unref);

  G_OBJECT_CLASS (cc_series_parent_class)->finalize (object);
}

static void
cc_series_class_init (CcSeriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_series_finalize;
}

static void
cc_series_init (CcSeries *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (CcPoint));
  self->actions = g_array_new (FALSE, FALSE, sizeof (CcAction));
  self->origin = CC_ORIGIN_BUNDLED;
}

CcSeries *
cc_series_new (const char  *symbol,
               CcLevelKind  level_kind)
{
  CcSeries *self;

  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);

  self = g_object_new (CC_TYPE_SERIES, NULL);
  self->symbol = g_strdup (symbol);
  self->level_kind = level_kind;
  return self;
}

CcSeries *
cc_series_copy (CcSeries *self)
{
  CcSeries *copy;

  g_return_val_if_fail (CC_IS_SERIES (self), NULL);

  copy = cc_series_new (self->symbol, self->level_kind);
  copy->name = g_strdup (self->name);
  copy->currency = g_strdup (self->currency);
  copy->source = g_strdup (self->source);
  copy->fetched_at = self->fetched_at;
  copy->origin = self->origin;
  g_array_append_vals (copy->points, self->points->data, self->points->len);
  g_array_append_vals (copy->actions, self->actions->data, self->actions->len);
  return copy;
}

#define STRING_ACCESSORS(field)                                        \
const char *                                                            \
cc_series_get_##field (CcSeries *self)                                  \
{                                                                       \
  g_return_val_if_fail (CC_IS_SERIES (self), NULL);                     \
  return self->field;                                                   \
}

STRING_ACCESSORS (symbol)
STRING_ACCESSORS (currency)
STRING_ACCESSORS (source)

const char *
cc_series_get_name (CcSeries *self)
{
  g_return_val_if_fail (CC_IS_SERIES (self), NULL);
  return self->name ? self->name : self->symbol;
}

void
cc_series_set_name (CcSeries   *self,
                    const char *name)
{
  g_return_if_fail (CC_IS_SERIES (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

void
cc_series_set_currency (CcSeries   *self,
                        const char *currency)
{
  g_return_if_fail (CC_IS_SERIES (self));
  g_free (self->currency);
  self->currency = g_strdup (currency);
}

void
cc_series_set_source (CcSeries   *self,
                      const char *source)
{
  g_return_if_fail (CC_IS_SERIES (self));
  g_free (self->source);
  self->source = g_strdup (source);
}

CcLevelKind
cc_series_get_level_kind (CcSeries *self)
{
  g_return_val_if_fail (CC_IS_SERIES (self), CC_LEVEL_INDEX);
  return self->level_kind;
}

void
cc_series_set_level_kind (CcSeries    *self,
                          CcLevelKind  level_kind)
{
  g_return_if_fail (CC_IS_SERIES (self));
  self->level_kind = level_kind;
}

CcOrigin
cc_series_get_origin (CcSeries *self)
{
  g_return_val_if_fail (CC_IS_SERIES (self), CC_ORIGIN_BUNDLED);
  return self->origin;
}

void
cc_series_set_origin (CcSeries *self,
                      CcOrigin  origin)
{
  g_return_if_fail (CC_IS_SERIES (self));
  self->origin = origin;
}

gint64
cc_series_get_fetched_at (CcSeries *self)
{
  g_return_val_if_fail (CC_IS_SERIES (self), 0);
  return self->fetched_at;
}

void
cc_series_set_fetched_at (CcSeries *self,
                          gint64    unix_time)
{
  g_return_if_fail (CC_IS_SERIES (self));
  self->fetched_at = unix_time;
}

guint
cc_series_get_n_points (CcSeries *self)
{
  g_return_val_if_fail (CC_IS_SERIES (self), 0);
  return self->points->len;
}

const CcPoint *
cc_series_get_points (CcSeries *self,
                      guint    *n_points)
{
  g_return_val_if_fail (CC_IS_SERIES (self), NULL);

  if (n_points)
    *n_points = self->points->len;
  return (const CcPoint *) self->points->data;
}

const CcPoint *
cc_series_get_point (CcSeries *self,
                     guint     index)
{
  g_return_val_if_fail (CC_IS_SERIES (self), NULL);
  g_return_val_if_fail (index < self->points->len, NULL);
  return &g_array_index (self->points, CcPoint, index);
}

const CcPoint *
cc_series_get_first (CcSeries *self)
{
  g_return_val_if_fail (CC_IS_SERIES (self), NULL);
  return self->points->len ? &g_array_index (self->points, CcPoint, 0) : NULL;
}

const CcPoint *
cc_series_get_last (CcSeries *self)
{
  g_return_val_if_fail (CC_IS_SERIES (self), NULL);
  return self->points->len ? &g_array_index (self->points, CcPoint, self->points->len - 1) : NULL;
}

/**
 * cc_series_reserve:
 * @self: a series
 * @n_points: how many points it will hold
 *
 * Makes room for @n_points points at once, so appending a long history does not grow the
 * storage step by step (each step a copy and fresh pages).
 */
void
cc_series_reserve (CcSeries *self,
                   guint     n_points)
{
  guint len;

  g_return_if_fail (CC_IS_SERIES (self));

  len = self->points->len;
  if (n_points <= len)
    return;
  /* GArray has no reserve: growing the length allocates, shrinking it back keeps the room. */
  g_array_set_size (self->points, n_points);
  g_array_set_size (self->points, len);
}

gboolean
cc_series_append (CcSeries     *self,
                  CcDate        date,
                  double        close,
                  CcProvenance  provenance,
                  CcPointFlags  flags)
{
  CcPoint p = { date, (guint8) provenance, (guint8) flags, 0, close };

  g_return_val_if_fail (CC_IS_SERIES (self), FALSE);

  if (self->points->len > 0 &&
      g_array_index (self->points, CcPoint, self->points->len - 1).date >= date)
    return FALSE;

  g_array_append_val (self->points, p);
  return TRUE;
}

/* Index of the first point with date >= @date (== len when none). */
static guint
lower_bound (GArray *points,
             CcDate  date)
{
  guint lo = 0, hi = points->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (points, CcPoint, mid).date < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
cc_series_set_point (CcSeries     *self,
                     CcDate        date,
                     double        close,
                     CcProvenance  provenance,
                     CcPointFlags  flags)
{
  CcPoint p = { date, (guint8) provenance, (guint8) flags, 0, close };
  guint i;

  g_return_if_fail (CC_IS_SERIES (self));

  i = lower_bound (self->points, date);
  if (i < self->points->len && g_array_index (self->points, CcPoint, i).date == date)
    g_array_index (self->points, CcPoint, i) = p;
  else
    g_array_insert_val (self->points, i, p);
}

void
cc_series_merge (CcSeries *self,
                 CcSeries *other)
{
  g_autoptr(GArray) merged = NULL;
  guint i = 0, j = 0;

  g_return_if_fail (CC_IS_SERIES (self));
  g_return_if_fail (CC_IS_SERIES (other));

  merged = g_array_sized_new (FALSE, FALSE, sizeof (CcPoint),
                              self->points->len + other->points->len);
  while (i < self->points->len || j < other->points->len)
    {
      const CcPoint *a = i < self->points->len ? &g_array_index (self->points, CcPoint, i) : NULL;
      const CcPoint *b = j < other->points->len ? &g_array_index (other->points, CcPoint, j) : NULL;

      if (b == NULL || (a != NULL && a->date < b->date))
        {
          g_array_append_vals (merged, a, 1);
          i++;
        }
      else
        {
          g_array_append_vals (merged, b, 1);
          if (a != NULL && a->date == b->date)
            i++;
          j++;
        }
    }

  g_array_unref (self->points);
  self->points = g_steal_pointer (&merged);

  for (guint k = 0; k < other->actions->len; k++)
    cc_series_add_action (self, &g_array_index (other->actions, CcAction, k));
}

void
cc_series_clear (CcSeries *self)
{
  g_return_if_fail (CC_IS_SERIES (self));
  g_array_set_size (self->points, 0);
  g_array_set_size (self->actions, 0);
}

int
cc_series_find (CcSeries *self,
                CcDate    date)
{
  guint i;

  g_return_val_if_fail (CC_IS_SERIES (self), -1);

  i = lower_bound (self->points, date);
  if (i < self->points->len && g_array_index (self->points, CcPoint, i).date == date)
    return (int) i;
  return -1;
}

int
cc_series_find_on_or_before (CcSeries *self,
                             CcDate    date)
{
  guint i;

  g_return_val_if_fail (CC_IS_SERIES (self), -1);

  i = lower_bound (self->points, date);
  if (i < self->points->len && g_array_index (self->points, CcPoint, i).date == date)
    return (int) i;
  return (int) i - 1;
}

int
cc_series_find_on_or_after (CcSeries *self,
                            CcDate    date)
{
  guint i;

  g_return_val_if_fail (CC_IS_SERIES (self), -1);

  i = lower_bound (self->points, date);
  return i < self->points->len ? (int) i : -1;
}

gboolean
cc_series_get_close (CcSeries *self,
                     CcDate    date,
                     double   *close)
{
  int i = cc_series_find (self, date);

  if (i < 0)
    return FALSE;
  if (close)
    *close = g_array_index (self->points, CcPoint, i).close;
  return TRUE;
}

gboolean
cc_series_has_provenance (CcSeries     *self,
                          CcProvenance  provenance,
                          CcDate        from,
                          CcDate        to)
{
  g_return_val_if_fail (CC_IS_SERIES (self), FALSE);

  for (guint i = lower_bound (self->points, from); i < self->points->len; i++)
    {
      const CcPoint *p = &g_array_index (self->points, CcPoint, i);

      if (p->date > to)
        break;
      if (p->provenance == provenance)
        return TRUE;
    }
  return FALSE;
}

void
cc_series_add_action (CcSeries       *self,
                      const CcAction *action)
{
  guint i;

  g_return_if_fail (CC_IS_SERIES (self));
  g_return_if_fail (action != NULL);

  for (i = 0; i < self->actions->len; i++)
    {
      CcAction *a = &g_array_index (self->actions, CcAction, i);

      if (a->date == action->date && a->kind == action->kind)
        {
          *a = *action;
          return;
        }
      if (a->date > action->date)
        break;
    }
  g_array_insert_vals (self->actions, i, action, 1);
}

const CcAction *
cc_series_get_actions (CcSeries *self,
                       guint    *n_actions)
{
  g_return_val_if_fail (CC_IS_SERIES (self), NULL);

  if (n_actions)
    *n_actions = self->actions->len;
  return (const CcAction *) self->actions->data;
}

static const char * const provenance_names[] = { "observed", "anchored", "reconstructed" };

const char *
cc_provenance_to_string (CcProvenance provenance)
{
  g_return_val_if_fail (provenance <= CC_PROVENANCE_RECONSTRUCTED, NULL);
  return provenance_names[provenance];
}

gboolean
cc_provenance_from_string (const char   *text,
                           CcProvenance *provenance)
{
  for (guint i = 0; i < G_N_ELEMENTS (provenance_names); i++)
    if (g_strcmp0 (text, provenance_names[i]) == 0)
      {
        if (provenance)
          *provenance = (CcProvenance) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cc_provenance_get_label (CcProvenance provenance)
{
  switch (provenance)
    {
    case CC_PROVENANCE_OBSERVED:
      return C_("provenance", "observed");
    case CC_PROVENANCE_ANCHORED:
      return C_("provenance", "anchored");
    case CC_PROVENANCE_RECONSTRUCTED:
      return C_("provenance", "reconstructed");
    default:
      g_return_val_if_reached (NULL);
    }
}
