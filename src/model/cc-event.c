/* cc-event.c: annotated market events and their JSON file format
 * (data/dataset/EVENTS-FORMAT.md). */
#define G_LOG_DOMAIN "cc-event"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cc-event.h"
#include "cc-save-stream.h"

/* Deeper nesting than this is never a valid events file, and refusing it keeps json-glib's
 * recursive parser away from stack exhaustion on hostile input. */
#define MAX_JSON_DEPTH 32

struct _CcEvent
{
  GObject           parent_instance;

  char             *id;
  char             *title;
  char             *description;
  char             *source;
  char             *signal_note;
  char            **tags;
  CcDate            date;
  CcEventPrecision  precision;
  CcEventCategory   category;
  CcMonitor         monitor;
  CcSignalStance    stance;
  guint             user : 1;
  guint             hidden : 1;
};

G_DEFINE_FINAL_TYPE (CcEvent, cc_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DATE,
  PROP_PRECISION,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_TAGS,
  PROP_SOURCE,
  PROP_MONITOR,
  PROP_STANCE,
  PROP_SIGNAL_NOTE,
  PROP_USER,
  PROP_HIDDEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (cc-event-error-quark, cc_event_error)

/* Enum tables: the strings are the file format, so they never change. */
static const char * const category_names[] = {
  "announcement", "earnings", "macro", "data-release", "cycle-peak", "cycle-trough", "user",
};
G_STATIC_ASSERT (G_N_ELEMENTS (category_names) == CC_N_EVENT_CATEGORIES);

static const char * const precision_names[] = { "day", "month", "quarter" };
static const char * const monitor_names[] = {
  "none", "capex", "memory-prices", "ai-adoption", "miner-contracts",
};
G_STATIC_ASSERT (G_N_ELEMENTS (monitor_names) == CC_N_MONITORS);
static const char * const stance_names[] = { "neutral", "positive", "negative" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             int                *out_index)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i], text) == 0)
      {
        if (out_index)
          *out_index = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_TYPE(func, Name, names, Prefix)                                        \
GType                                                                                      \
func (void)                                                                                \
{                                                                                          \
  static gsize type_id;                                                                    \
  if (g_once_init_enter (&type_id))                                                        \
    {                                                                                      \
      static GEnumValue values[G_N_ELEMENTS (names) + 1];                                  \
      GType t;                                                                             \
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)                                     \
        {                                                                                  \
          values[i].value = (int) i;                                                       \
          values[i].value_name = g_intern_string (names[i]);                               \
          values[i].value_nick = g_intern_string (names[i]);                               \
        }                                                                                  \
      t = g_enum_register_static (g_intern_static_string (Name), values);                  \
      g_once_init_leave (&type_id, t);                                                     \
    }                                                                                      \
  return type_id;                                                                          \
}

DEFINE_ENUM_TYPE (cc_event_category_get_type, "CcEventCategory", category_names, CATEGORY)
DEFINE_ENUM_TYPE (cc_event_precision_get_type, "CcEventPrecision", precision_names, PRECISION)
DEFINE_ENUM_TYPE (cc_monitor_get_type, "CcMonitor", monitor_names, MONITOR)
DEFINE_ENUM_TYPE (cc_signal_stance_get_type, "CcSignalStance", stance_names, STANCE)

const char *
cc_event_category_to_string (CcEventCategory category)
{
  g_return_val_if_fail ((guint) category < CC_N_EVENT_CATEGORIES, NULL);
  return category_names[category];
}

gboolean
cc_event_category_from_string (const char      *text,
                               CcEventCategory *category)
{
  int i;

  if (!lookup_name (category_names, G_N_ELEMENTS (category_names), text, &i))
    return FALSE;
  if (category)
    *category = (CcEventCategory) i;
  return TRUE;
}

const char *
cc_event_category_get_label (CcEventCategory category)
{
  switch (category)
    {
    case CC_EVENT_CATEGORY_ANNOUNCEMENT:
      return C_("event category", "Announcement");
    case CC_EVENT_CATEGORY_EARNINGS:
      return C_("event category", "Earnings");
    case CC_EVENT_CATEGORY_MACRO:
      return C_("event category", "Macro");
    case CC_EVENT_CATEGORY_DATA_RELEASE:
      return C_("event category", "Data release");
    case CC_EVENT_CATEGORY_CYCLE_PEAK:
      return C_("event category", "Cycle peak");
    case CC_EVENT_CATEGORY_CYCLE_TROUGH:
      return C_("event category", "Cycle trough");
    case CC_EVENT_CATEGORY_USER:
      return C_("event category", "Your event");
    case CC_N_EVENT_CATEGORIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
cc_event_precision_to_string (CcEventPrecision precision)
{
  g_return_val_if_fail ((guint) precision < G_N_ELEMENTS (precision_names), NULL);
  return precision_names[precision];
}

gboolean
cc_event_precision_from_string (const char       *text,
                                CcEventPrecision *precision)
{
  int i;

  if (!lookup_name (precision_names, G_N_ELEMENTS (precision_names), text, &i))
    return FALSE;
  if (precision)
    *precision = (CcEventPrecision) i;
  return TRUE;
}

const char *
cc_monitor_to_string (CcMonitor monitor)
{
  g_return_val_if_fail ((guint) monitor < CC_N_MONITORS, NULL);
  return monitor_names[monitor];
}

gboolean
cc_monitor_from_string (const char *text,
                        CcMonitor  *monitor)
{
  int i;

  if (!lookup_name (monitor_names, G_N_ELEMENTS (monitor_names), text, &i))
    return FALSE;
  if (monitor)
    *monitor = (CcMonitor) i;
  return TRUE;
}

const char *
cc_monitor_get_label (CcMonitor monitor)
{
  switch (monitor)
    {
    case CC_MONITOR_NONE:
      return C_("monitor", "None");
    case CC_MONITOR_CAPEX:
      return C_("monitor", "Hyperscaler capex guidance");
    case CC_MONITOR_MEMORY_PRICES:
      return C_("monitor", "HBM and DDR5 prices");
    case CC_MONITOR_AI_ADOPTION:
      return C_("monitor", "AI deployment and adoption");
    case CC_MONITOR_MINER_CONTRACTS:
      return C_("monitor", "Miners’ AI contracts");
    case CC_N_MONITORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
cc_signal_stance_to_string (CcSignalStance stance)
{
  g_return_val_if_fail ((guint) stance < G_N_ELEMENTS (stance_names), NULL);
  return stance_names[stance];
}

gboolean
cc_signal_stance_from_string (const char     *text,
                              CcSignalStance *stance)
{
  int i;

  if (!lookup_name (stance_names, G_N_ELEMENTS (stance_names), text, &i))
    return FALSE;
  if (stance)
    *stance = (CcSignalStance) i;
  return TRUE;
}

/* The first day of the period @date falls in, for @precision. */
static CcDate
normalize_date (CcDate           date,
                CcEventPrecision precision)
{
  int y, m, d;

  if (date == CC_DATE_INVALID || precision == CC_EVENT_PRECISION_DAY)
    return date;
  cc_date_to_ymd (date, &y, &m, &d);
  if (precision == CC_EVENT_PRECISION_QUARTER)
    m = ((m - 1) / 3) * 3 + 1;
  return cc_date_from_ymd (y, m, 1);
}

/* A readable, stable id from the date and the title: "2026-07-01-meta-compute". */
static char *
make_id (CcDate      date,
         const char *title)
{
  GString *str = g_string_new (NULL);
  char iso[11];
  gboolean dash = TRUE;

  if (date != CC_DATE_INVALID)
    {
      cc_date_format_iso (date, iso);
      g_string_append (str, iso);
      dash = FALSE;
    }
  for (const char *p = title ? title : ""; *p && str->len < 64; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (!dash)
            g_string_append_c (str, '-');
          g_string_append_c (str, g_ascii_tolower (*p));
          dash = TRUE;
          continue;
        }
      dash = FALSE;
      while (p[1] && !g_ascii_isalnum (p[1]))
        p++;
    }
  if (str->len == 0)
    g_string_append (str, "event");
  return g_string_free (str, FALSE);
}

static void
cc_event_finalize (GObject *object)
{
  CcEvent *self = (CcEvent *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->signal_note, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (cc_event_parent_class)->finalize (object);
}

static void
cc_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CcEvent *self = CC_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, cc_event_get_id (self));
      break;
    case PROP_DATE:
      g_value_set_int (value, self->date);
      break;
    case PROP_PRECISION:
      g_value_set_enum (value, self->precision);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_MONITOR:
      g_value_set_enum (value, self->monitor);
      break;
    case PROP_STANCE:
      g_value_set_enum (value, self->stance);
      break;
    case PROP_SIGNAL_NOTE:
      g_value_set_string (value, self->signal_note);
      break;
    case PROP_USER:
      g_value_set_boolean (value, self->user);
      break;
    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CcEvent *self = CC_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      cc_event_set_id (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      cc_event_set_date (self, g_value_get_int (value));
      break;
    case PROP_PRECISION:
      cc_event_set_precision (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      cc_event_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      cc_event_set_description (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY:
      cc_event_set_category (self, g_value_get_enum (value));
      break;
    case PROP_TAGS:
      cc_event_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_SOURCE:
      cc_event_set_source (self, g_value_get_string (value));
      break;
    case PROP_MONITOR:
      cc_event_set_signal (self, g_value_get_enum (value), self->stance, self->signal_note);
      break;
    case PROP_STANCE:
      cc_event_set_signal (self, self->monitor, g_value_get_enum (value), self->signal_note);
      break;
    case PROP_SIGNAL_NOTE:
      cc_event_set_signal (self, self->monitor, self->stance, g_value_get_string (value));
      break;
    case PROP_USER:
      cc_event_set_user (self, g_value_get_boolean (value));
      break;
    case PROP_HIDDEN:
      cc_event_set_hidden (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_event_class_init (CcEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cc_event_finalize;
  object_class->get_property = cc_event_get_property;
  object_class->set_property = cc_event_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_int ("date", NULL, NULL, G_MININT32, G_MAXINT32,
                                            CC_DATE_INVALID, flags);
  properties[PROP_PRECISION] = g_param_spec_enum ("precision", NULL, NULL,
                                                  CC_TYPE_EVENT_PRECISION,
                                                  CC_EVENT_PRECISION_DAY, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_enum ("category", NULL, NULL,
                                                 CC_TYPE_EVENT_CATEGORY,
                                                 CC_EVENT_CATEGORY_USER, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_MONITOR] = g_param_spec_enum ("monitor", NULL, NULL, CC_TYPE_MONITOR,
                                                CC_MONITOR_NONE, flags);
  properties[PROP_STANCE] = g_param_spec_enum ("stance", NULL, NULL, CC_TYPE_SIGNAL_STANCE,
                                               CC_SIGNAL_NEUTRAL, flags);
  properties[PROP_SIGNAL_NOTE] = g_param_spec_string ("signal-note", NULL, NULL, NULL, flags);
  properties[PROP_USER] = g_param_spec_boolean ("user", NULL, NULL, FALSE, flags);
  properties[PROP_HIDDEN] = g_param_spec_boolean ("hidden", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cc_event_init (CcEvent *self)
{
  self->date = CC_DATE_INVALID;
  self->category = CC_EVENT_CATEGORY_USER;
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->source = g_strdup ("");
  self->signal_note = g_strdup ("");
  self->tags = g_new0 (char *, 1);
}

CcEvent *
cc_event_new (CcDate            date,
              CcEventPrecision  precision,
              const char       *title)
{
  CcEvent *self;

  g_return_val_if_fail ((guint) precision < G_N_ELEMENTS (precision_names), NULL);

  self = g_object_new (CC_TYPE_EVENT, NULL);
  self->precision = precision;
  self->date = normalize_date (date, precision);
  g_free (self->title);
  self->title = g_strdup (title ? title : "");
  return self;
}

CcEvent *
cc_event_copy (CcEvent *self)
{
  CcEvent *copy;

  g_return_val_if_fail (CC_IS_EVENT (self), NULL);

  copy = cc_event_new (self->date, self->precision, self->title);
  copy->id = g_strdup (self->id);
  g_free (copy->description);
  copy->description = g_strdup (self->description);
  g_free (copy->source);
  copy->source = g_strdup (self->source);
  g_free (copy->signal_note);
  copy->signal_note = g_strdup (self->signal_note);
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  copy->category = self->category;
  copy->monitor = self->monitor;
  copy->stance = self->stance;
  copy->user = self->user;
  copy->hidden = self->hidden;
  return copy;
}

const char *
cc_event_get_id (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), NULL);

  /* Generated on first use, so an event built field by field gets an id from its final
   * date and title. */
  if (self->id == NULL)
    self->id = make_id (self->date, self->title);
  return self->id;
}

/* Replaces *@field with a copy of @value; TRUE when it changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
cc_event_set_id (CcEvent    *self,
                 const char *id)
{
  g_return_if_fail (CC_IS_EVENT (self));

  if (id == NULL || *id == '\0')
    {
      /* Falls back to a generated id. */
      if (self->id == NULL)
        return;
      g_clear_pointer (&self->id, g_free);
    }
  else if (!replace_string (&self->id, id))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

CcDate
cc_event_get_date (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), CC_DATE_INVALID);
  return self->date;
}

void
cc_event_set_date (CcEvent *self,
                   CcDate   date)
{
  g_return_if_fail (CC_IS_EVENT (self));

  date = normalize_date (date, self->precision);
  if (self->date == date)
    return;
  self->date = date;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

CcEventPrecision
cc_event_get_precision (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), CC_EVENT_PRECISION_DAY);
  return self->precision;
}

void
cc_event_set_precision (CcEvent          *self,
                        CcEventPrecision  precision)
{
  CcDate date;

  g_return_if_fail (CC_IS_EVENT (self));
  g_return_if_fail ((guint) precision < G_N_ELEMENTS (precision_names));

  if (self->precision == precision)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->precision = precision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRECISION]);
  date = normalize_date (self->date, precision);
  if (date != self->date)
    {
      self->date = date;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
cc_event_get_span (CcEvent *self,
                   CcDate  *first,
                   CcDate  *last)
{
  CcDate end = self->date;
  int y, m, d;

  g_return_if_fail (CC_IS_EVENT (self));

  if (self->date != CC_DATE_INVALID && self->precision != CC_EVENT_PRECISION_DAY)
    {
      int months = self->precision == CC_EVENT_PRECISION_MONTH ? 1 : 3;

      cc_date_to_ymd (self->date, &y, &m, &d);
      end = cc_date_add_months (self->date, months) - 1;
    }
  if (first)
    *first = self->date;
  if (last)
    *last = end;
}

const char *
cc_event_get_title (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), NULL);
  return self->title;
}

void
cc_event_set_title (CcEvent    *self,
                    const char *title)
{
  g_return_if_fail (CC_IS_EVENT (self));
  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
cc_event_get_description (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), NULL);
  return self->description;
}

void
cc_event_set_description (CcEvent    *self,
                          const char *description)
{
  g_return_if_fail (CC_IS_EVENT (self));
  if (replace_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

CcEventCategory
cc_event_get_category (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), CC_EVENT_CATEGORY_USER);
  return self->category;
}

void
cc_event_set_category (CcEvent         *self,
                       CcEventCategory  category)
{
  g_return_if_fail (CC_IS_EVENT (self));
  g_return_if_fail ((guint) category < CC_N_EVENT_CATEGORIES);

  if (self->category == category)
    return;
  self->category = category;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

const char * const *
cc_event_get_tags (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), NULL);
  return (const char * const *) self->tags;
}

void
cc_event_set_tags (CcEvent            *self,
                   const char * const *tags)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (CC_IS_EVENT (self));

  if (tags == NULL)
    tags = empty;
  if (g_strv_equal ((const char * const *) self->tags, tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
cc_event_has_tag (CcEvent    *self,
                  const char *tag)
{
  g_return_val_if_fail (CC_IS_EVENT (self), FALSE);
  return tag != NULL && g_strv_contains ((const char * const *) self->tags, tag);
}

const char *
cc_event_get_source (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), NULL);
  return self->source;
}

void
cc_event_set_source (CcEvent    *self,
                     const char *source)
{
  g_return_if_fail (CC_IS_EVENT (self));
  if (replace_string (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

CcMonitor
cc_event_get_monitor (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), CC_MONITOR_NONE);
  return self->monitor;
}

CcSignalStance
cc_event_get_stance (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), CC_SIGNAL_NEUTRAL);
  return self->stance;
}

const char *
cc_event_get_signal_note (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), NULL);
  return self->signal_note;
}

void
cc_event_set_signal (CcEvent        *self,
                     CcMonitor       monitor,
                     CcSignalStance  stance,
                     const char     *note)
{
  g_return_if_fail (CC_IS_EVENT (self));
  g_return_if_fail ((guint) monitor < CC_N_MONITORS);
  g_return_if_fail ((guint) stance < G_N_ELEMENTS (stance_names));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->monitor != monitor)
    {
      self->monitor = monitor;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);
    }
  if (self->stance != stance)
    {
      self->stance = stance;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STANCE]);
    }
  if (replace_string (&self->signal_note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNAL_NOTE]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
cc_event_get_user (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), FALSE);
  return self->user;
}

void
cc_event_set_user (CcEvent  *self,
                   gboolean  user)
{
  g_return_if_fail (CC_IS_EVENT (self));

  user = !!user;
  if (self->user == (guint) user)
    return;
  self->user = user;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

gboolean
cc_event_get_hidden (CcEvent *self)
{
  g_return_val_if_fail (CC_IS_EVENT (self), FALSE);
  return self->hidden;
}

void
cc_event_set_hidden (CcEvent  *self,
                     gboolean  hidden)
{
  g_return_if_fail (CC_IS_EVENT (self));

  hidden = !!hidden;
  if (self->hidden == (guint) hidden)
    return;
  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
}

char *
cc_event_format_when (CcEvent *self)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;
  char *text;

  g_return_val_if_fail (CC_IS_EVENT (self), NULL);

  if (self->date == CC_DATE_INVALID)
    return g_strdup (C_("event date", "No date"));

  cc_date_to_ymd (self->date, &y, &m, &d);
  switch (self->precision)
    {
    case CC_EVENT_PRECISION_QUARTER:
      /* Translators: a calendar quarter, e.g. "Q1 2026"; %1$d is the quarter, %2$d the year. */
      return g_strdup_printf (C_("event date", "Q%1$d %2$d"), (m - 1) / 3 + 1, y);

    case CC_EVENT_PRECISION_MONTH:
      dt = cc_date_to_date_time (self->date);
      /* Translators: a month and year, see g_date_time_format(); %OB is the month's name
       * as it stands alone, e.g. "May 2026". */
      text = dt ? g_date_time_format (dt, C_("event date", "%OB %Y")) : NULL;
      break;

    case CC_EVENT_PRECISION_DAY:
    default:
      dt = cc_date_to_date_time (self->date);
      /* Translators: a day, see g_date_time_format(), e.g. "1 Jul 2026"; %-d is the day
       * without padding. */
      text = dt ? g_date_time_format (dt, C_("event date", "%-d %b %Y")) : NULL;
      break;
    }

  if (text == NULL)
    return cc_date_to_iso (self->date);
  return text;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  CcEvent *ea = *(CcEvent **) a;
  CcEvent *eb = *(CcEvent **) b;
  int cmp;

  if (ea->date != eb->date)
    return ea->date < eb->date ? -1 : 1;
  cmp = g_utf8_collate (ea->title, eb->title);
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (cc_event_get_id (ea), cc_event_get_id (eb));
}

void
cc_events_sort (GPtrArray *events)
{
  g_return_if_fail (events != NULL);
  g_ptr_array_sort (events, compare_events);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON reading */

/* Line and column (1-based, columns in bytes) of @offset in @data. */
static void
offset_to_line_column (const char *data,
                       gsize       offset,
                       guint      *line,
                       guint      *column)
{
  guint l = 1, c = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          l++;
          c = 1;
        }
      else
        c++;
    }
  *line = l;
  *column = c;
}

static void
set_syntax_error (GError     **error,
                  const char  *source_name,
                  guint        line,
                  guint        column,
                  const char  *what)
{
  g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX,
               /* Translators: %1$s is a file name, then a line and a column number, then a
                * description of the problem. */
               _("%1$s: line %2$u, column %3$u: %4$s"),
               source_name, line, column, what);
}

/* Refuses what json-glib must never see: NUL bytes, invalid UTF-8, and nesting so deep the
 * recursive parser could exhaust the stack. */
static gboolean
precheck_json (const char  *data,
               gsize        length,
               const char  *source_name,
               GError     **error)
{
  const char *end = NULL;
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0;
  guint line, column;

  if (!g_utf8_validate_len (data, length, &end))
    {
      offset_to_line_column (data, end - data, &line, &column);
      set_syntax_error (error, source_name, line, column,
                        (gsize) (end - data) < length && *end == '\0'
                          ? _("unexpected NUL byte")
                          : _("the text is not valid UTF-8"));
      return FALSE;
    }

  /* Likewise a value before the object ("1{…}", "\"\"{…}"): the file must be one object. */
  for (gsize i = 0; i < length && data[i] != '{'; i++)
    if (!g_ascii_isspace (data[i]))
      {
        offset_to_line_column (data, i, &line, &column);
        set_syntax_error (error, source_name, line, column, _("expected an object"));
        return FALSE;
      }

  for (gsize i = 0; i < length; i++)
    {
      char ch = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (ch == '\\')
            escaped = TRUE;
          else if (ch == '"')
            in_string = FALSE;
          continue;
        }
      if (ch == '"')
        in_string = TRUE;
      else if (ch == '[' || ch == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              offset_to_line_column (data, i, &line, &column);
              set_syntax_error (error, source_name, line, column,
                                _("the data is nested too deeply"));
              return FALSE;
            }
        }
      else if ((ch == ']' || ch == '}') && depth > 0)
        {
          /* json-glib 1.6 accepts a second top-level value ("{…}{…}") and leaks it. */
          if (--depth == 0)
            for (gsize j = i + 1; j < length; j++)
              if (!g_ascii_isspace (data[j]))
                {
                  offset_to_line_column (data, j, &line, &column);
                  set_syntax_error (error, source_name, line, column,
                                    _("unexpected data after the end"));
                  return FALSE;
                }
        }
    }
  return TRUE;
}

/* json-glib 1.6 reports syntax errors as "<data>:LINE:COL: Parse error: TEXT"; this turns that
 * into our own message with the source name. */
static void
convert_parser_error (const GError  *parser_error,
                      const char    *source_name,
                      GError       **error)
{
  const char *msg = parser_error->message;
  const char *p = msg;
  guint64 line = 0, column = 0;
  char *endp;

  p = strstr (msg, ">:");
  if (p != NULL)
    {
      p += 2;
      line = g_ascii_strtoull (p, &endp, 10);
      if (endp != p && *endp == ':')
        {
          p = endp + 1;
          column = g_ascii_strtoull (p, &endp, 10);
          if (endp != p && *endp == ':')
            {
              const char *text = endp + 1;
              const char *colon = strstr (text, "Parse error:");

              if (colon != NULL)
                text = colon + strlen ("Parse error:");
              while (*text == ' ')
                text++;
              set_syntax_error (error, source_name, (guint) line, (guint) column, text);
              return;
            }
        }
    }

  g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_SYNTAX,
               /* Translators: %1$s is a file name, %2$s the parser's message. */
               _("%1$s: %2$s"), source_name, msg);
}

typedef struct {
  const char *source_name;
  guint       index;
  const char *title;
} ReadContext;

G_GNUC_PRINTF (4, 5)
static void
set_field_error (GError            **error,
                 const ReadContext  *ctx,
                 const char         *field,
                 const char         *format,
                 ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->title != NULL)
    g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u the event's number in the file,
                  * %3$s its title, %4$s a field name, %5$s what is wrong. */
                 _("%1$s: event %2$u (“%3$s”): field “%4$s”: %5$s"),
                 ctx->source_name, ctx->index, ctx->title, field, reason);
  else
    g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u the event's number in the file,
                  * %3$s a field name, %4$s what is wrong. */
                 _("%1$s: event %2$u: field “%3$s”: %4$s"),
                 ctx->source_name, ctx->index, field, reason);
}

static const char *
node_type_label (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Optional string member: NULL when absent, an error when not a string. */
static gboolean
get_string_member (JsonObject         *object,
                   const char         *member,
                   const ReadContext  *ctx,
                   const char        **out,
                   GError            **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!node_is_string (node))
    {
      set_field_error (error, ctx, member, _("expected a string, found %s"),
                       node_type_label (node));
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_bool_member (JsonObject         *object,
                 const char         *member,
                 const ReadContext  *ctx,
                 gboolean           *out,
                 GError            **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_field_error (error, ctx, member, _("expected true or false, found %s"),
                       node_type_label (node));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* "2026-07-01", "2026-05" or "2026-Q1". */
static gboolean
parse_when (const char       *text,
            CcDate           *date,
            CcEventPrecision *precision)
{
  gsize len = strlen (text);
  int y, n;

  if (len == 10)
    {
      *precision = CC_EVENT_PRECISION_DAY;
      return cc_date_parse_iso (text, date);
    }
  if (len != 7 || text[4] != '-')
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  if (y < 1)
    return FALSE;
  if (text[5] == 'Q' && text[6] >= '1' && text[6] <= '4')
    {
      *precision = CC_EVENT_PRECISION_QUARTER;
      *date = cc_date_from_ymd (y, (text[6] - '1') * 3 + 1, 1);
      return TRUE;
    }
  if (!g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    return FALSE;
  n = (text[5] - '0') * 10 + (text[6] - '0');
  if (n < 1 || n > 12)
    return FALSE;
  *precision = CC_EVENT_PRECISION_MONTH;
  *date = cc_date_from_ymd (y, n, 1);
  return TRUE;
}

static char *
format_when_for_file (CcDate           date,
                      CcEventPrecision precision)
{
  int y, m, d;

  cc_date_to_ymd (date, &y, &m, &d);
  switch (precision)
    {
    case CC_EVENT_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);
    case CC_EVENT_PRECISION_QUARTER:
      return g_strdup_printf ("%04d-Q%d", y, (m - 1) / 3 + 1);
    case CC_EVENT_PRECISION_DAY:
    default:
      return cc_date_to_iso (date);
    }
}

static const char * const known_members[] = {
  "id", "date", "precision", "title", "description", "category", "tags", "source", "signal",
  "hidden", "user", NULL,
};

static CcEvent *
event_from_node (JsonNode     *node,
                 ReadContext  *ctx,
                 GError      **error)
{
  g_autoptr(CcEvent) event = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *id, *date_text, *precision_text, *title, *text;
  CcDate date = CC_DATE_INVALID;
  CcEventPrecision precision;
  gboolean flag;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %1$s is a file name, %2$u an event's number, %3$s a type. */
                   _("%1$s: event %2$u: expected an object, found %3$s"),
                   ctx->source_name, ctx->index, node_type_label (node));
      return NULL;
    }
  object = json_node_get_object (node);

  /* The title first, so every later error can name the event. */
  if (!get_string_member (object, "title", ctx, &title, error))
    return NULL;
  if (title == NULL || *title == '\0')
    {
      set_field_error (error, ctx, "title", title == NULL ? _("missing") : _("empty"));
      return NULL;
    }
  ctx->title = title;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_members, l->data))
      {
        set_field_error (error, ctx, l->data, _("unknown field"));
        return NULL;
      }

  if (!get_string_member (object, "date", ctx, &date_text, error))
    return NULL;
  if (date_text == NULL)
    {
      set_field_error (error, ctx, "date", _("missing"));
      return NULL;
    }
  if (!parse_when (date_text, &date, &precision))
    {
      set_field_error (error, ctx, "date",
                       _("“%s” is not a date (YYYY-MM-DD), a month (YYYY-MM) or a quarter "
                         "(YYYY-Q1 to YYYY-Q4)"),
                       date_text);
      return NULL;
    }

  if (!get_string_member (object, "precision", ctx, &precision_text, error))
    return NULL;
  if (precision_text != NULL)
    {
      CcEventPrecision explicit_precision;

      if (!cc_event_precision_from_string (precision_text, &explicit_precision))
        {
          set_field_error (error, ctx, "precision",
                           _("“%s” is not one of day, month, quarter"), precision_text);
          return NULL;
        }
      /* A full date may be widened to its month or quarter; a month cannot be narrowed. */
      if (precision != CC_EVENT_PRECISION_DAY && explicit_precision != precision)
        {
          set_field_error (error, ctx, "precision",
                           _("“%s” does not match the date “%s”"), precision_text, date_text);
          return NULL;
        }
      precision = explicit_precision;
    }

  event = cc_event_new (date, precision, title);

  if (!get_string_member (object, "id", ctx, &id, error))
    return NULL;
  if (id != NULL)
    {
      if (*id == '\0')
        {
          set_field_error (error, ctx, "id", _("empty"));
          return NULL;
        }
      event->id = g_strdup (id);
    }

  if (!get_string_member (object, "description", ctx, &text, error))
    return NULL;
  replace_string (&event->description, text);

  if (!get_string_member (object, "category", ctx, &text, error))
    return NULL;
  if (text == NULL)
    {
      set_field_error (error, ctx, "category", _("missing"));
      return NULL;
    }
  if (!cc_event_category_from_string (text, &event->category))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) category_names);
      set_field_error (error, ctx, "category", _("“%s” is not one of %s"), text, list);
      return NULL;
    }

  member = json_object_get_member (object, "tags");
  if (member != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          set_field_error (error, ctx, "tags", _("expected a list of strings, found %s"),
                           node_type_label (member));
          return NULL;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *tag = json_array_get_element (array, i);

          if (!node_is_string (tag) || *json_node_get_string (tag) == '\0')
            {
              set_field_error (error, ctx, "tags", _("item %u is not a non-empty string"),
                               i + 1);
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (tag));
        }
      g_strfreev (event->tags);
      event->tags = g_strv_builder_end (builder);
    }

  if (!get_string_member (object, "source", ctx, &text, error))
    return NULL;
  replace_string (&event->source, text);

  member = json_object_get_member (object, "signal");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonObject *signal;
      JsonNode *sub;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          set_field_error (error, ctx, "signal", _("expected an object, found %s"),
                           node_type_label (member));
          return NULL;
        }
      signal = json_node_get_object (member);

      sub = json_object_get_member (signal, "monitor");
      if (sub == NULL || !node_is_string (sub) ||
          !cc_monitor_from_string (json_node_get_string (sub), &event->monitor) ||
          event->monitor == CC_MONITOR_NONE)
        {
          set_field_error (error, ctx, "signal.monitor",
                           _("expected one of capex, memory-prices, ai-adoption, "
                             "miner-contracts"));
          return NULL;
        }
      sub = json_object_get_member (signal, "stance");
      if (sub == NULL || !node_is_string (sub) ||
          !cc_signal_stance_from_string (json_node_get_string (sub), &event->stance))
        {
          set_field_error (error, ctx, "signal.stance",
                           _("expected one of positive, negative, neutral"));
          return NULL;
        }
      sub = json_object_get_member (signal, "note");
      if (sub != NULL)
        {
          if (!node_is_string (sub))
            {
              set_field_error (error, ctx, "signal.note", _("expected a string, found %s"),
                               node_type_label (sub));
              return NULL;
            }
          replace_string (&event->signal_note, json_node_get_string (sub));
        }
      {
        g_autoptr(GList) signal_members = json_object_get_members (signal);

        for (GList *l = signal_members; l != NULL; l = l->next)
          if (g_strcmp0 (l->data, "monitor") != 0 && g_strcmp0 (l->data, "stance") != 0 &&
              g_strcmp0 (l->data, "note") != 0)
            {
              g_autofree char *field = g_strconcat ("signal.", l->data, NULL);
              set_field_error (error, ctx, field, _("unknown field"));
              return NULL;
            }
      }
    }

  if (!get_bool_member (object, "hidden", ctx, &flag, error))
    return NULL;
  event->hidden = flag;
  if (!get_bool_member (object, "user", ctx, &flag, error))
    return NULL;
  event->user = flag;

  return g_steal_pointer (&event);
}

GPtrArray *
cc_events_from_json_data (const char  *data,
                          gssize       length,
                          const char  *source_name,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root_object;
  JsonNode *root, *node;
  JsonArray *array;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source_name == NULL)
    source_name = _("events data");
  if (length < 0)
    length = strlen (data);

  if (!precheck_json (data, length, source_name, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      convert_parser_error (local_error, source_name, error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %s is a file name. */
                   _("%s: expected an object with “version” and “events”"), source_name);
      return NULL;
    }
  root_object = json_node_get_object (root);

  node = json_object_get_member (root_object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != 1)
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %s is a file name; "version" is a field name. */
                   _("%s: field “version”: this program reads version 1 only"), source_name);
      return NULL;
    }

  node = json_object_get_member (root_object, "events");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CC_EVENT_ERROR, CC_EVENT_ERROR_INVALID,
                   /* Translators: %s is a file name; "events" is a field name. */
                   _("%s: field “events”: expected a list of events"), source_name);
      return NULL;
    }
  array = json_node_get_array (node);

  events = g_ptr_array_new_with_free_func (g_object_unref);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ReadContext ctx = { source_name, i + 1, NULL };
      CcEvent *event = event_from_node (json_array_get_element (array, i), &ctx, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);

      if (event->id != NULL && !g_hash_table_add (ids, event->id))
        {
          set_field_error (error, &ctx, "id", _("“%s” is used by an earlier event"), event->id);
          return NULL;
        }
    }

  /* Events without an id get one from their date and title, made unique within the file. */
  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      g_autofree char *base = NULL;

      if (event->id != NULL)
        continue;
      base = make_id (event->date, event->title);
      event->id = g_strdup (base);
      for (guint n = 2; g_hash_table_contains (ids, event->id); n++)
        {
          g_free (event->id);
          event->id = g_strdup_printf ("%s-%u", base, n);
        }
      g_hash_table_add (ids, event->id);
    }

  return g_steal_pointer (&events);
}

GPtrArray *
cc_events_load_file (GFile   *file,
                     GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  return cc_events_from_json_data (contents, length, name, error);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON writing */

char *
cc_events_to_json_data (GPtrArray *events,
                        gsize     *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out;
  char *text;

  g_return_val_if_fail (events != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = format_when_for_file (event->date, event->precision);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, cc_event_get_id (event));
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, when);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, event->title);
      if (*event->description)
        {
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, event->description);
        }
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, category_names[event->category]);
      if (event->tags[0] != NULL)
        {
          json_builder_set_member_name (builder, "tags");
          json_builder_begin_array (builder);
          for (guint t = 0; event->tags[t]; t++)
            json_builder_add_string_value (builder, event->tags[t]);
          json_builder_end_array (builder);
        }
      if (*event->source)
        {
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, event->source);
        }
      if (event->monitor != CC_MONITOR_NONE)
        {
          json_builder_set_member_name (builder, "signal");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "monitor");
          json_builder_add_string_value (builder, monitor_names[event->monitor]);
          json_builder_set_member_name (builder, "stance");
          json_builder_add_string_value (builder, stance_names[event->stance]);
          if (*event->signal_note)
            {
              json_builder_set_member_name (builder, "note");
              json_builder_add_string_value (builder, event->signal_note);
            }
          json_builder_end_object (builder);
        }
      if (event->hidden)
        {
          json_builder_set_member_name (builder, "hidden");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (event->user)
        {
          json_builder_set_member_name (builder, "user");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  if (length)
    *length = out->len;
  text = g_string_free (out, FALSE);
  return text;
}

GFile *
cc_events_keep_aside (GFile   *file,
                      GError **error)
{
  g_autofree char *base = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  base = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  if (base == NULL || parent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: shown when a file to set aside has no folder. */
                   _("Cannot set this file aside"));
      return NULL;
    }
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (base, ".corrupt", NULL)
                                     : g_strdup_printf ("%s.corrupt-%u", base, n);
      g_autoptr(GFile) target = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;

      /* No overwrite: an earlier corrupt copy is kept too. */
      if (g_file_move (file, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
        return g_steal_pointer (&target);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               /* Translators: %s is a file name. */
               _("Too many set-aside copies of %s"), base);
  return NULL;
}

gboolean
cc_events_save_file (GPtrArray  *events,
                     GFile      *file,
                     GError    **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = cc_events_to_json_data (events, &length);

  /* A temporary file, synced and renamed over the old one, removed when anything fails: the
   * old file survives every error. */
  return cc_save_contents (file, data, length, CC_SAVE_MODE_DEFAULT, NULL, error);
}
