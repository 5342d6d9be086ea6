/* cc-event.h: annotated market events, and their JSON form. */
#pragma once

#include <gio/gio.h>

#include "cc-date.h"

G_BEGIN_DECLS

typedef enum {
  CC_EVENT_PRECISION_DAY,
  CC_EVENT_PRECISION_MONTH,
  CC_EVENT_PRECISION_QUARTER,
} CcEventPrecision;

typedef enum {
  CC_EVENT_CATEGORY_ANNOUNCEMENT,
  CC_EVENT_CATEGORY_EARNINGS,
  CC_EVENT_CATEGORY_MACRO,
  CC_EVENT_CATEGORY_DATA_RELEASE,
  CC_EVENT_CATEGORY_CYCLE_PEAK,
  CC_EVENT_CATEGORY_CYCLE_TROUGH,
  CC_EVENT_CATEGORY_USER,
  CC_N_EVENT_CATEGORIES,
} CcEventCategory;

/* The four things the article says to watch. */
typedef enum {
  CC_MONITOR_NONE,
  CC_MONITOR_CAPEX,            /* hyperscaler capital expenditure guidance */
  CC_MONITOR_MEMORY_PRICES,    /* HBM and DDR5 spot prices */
  CC_MONITOR_AI_ADOPTION,      /* AI deployment and enterprise adoption */
  CC_MONITOR_MINER_CONTRACTS,  /* miners' AI hosting contracts */
  CC_N_MONITORS,
} CcMonitor;

typedef enum {
  CC_SIGNAL_NEUTRAL,
  CC_SIGNAL_POSITIVE,          /* supports demand holding up */
  CC_SIGNAL_NEGATIVE,          /* points to overbuilding */
} CcSignalStance;

/* GEnum types, for properties; value nicks are the file format's strings. */
#define CC_TYPE_EVENT_CATEGORY  (cc_event_category_get_type ())
#define CC_TYPE_EVENT_PRECISION (cc_event_precision_get_type ())
#define CC_TYPE_MONITOR         (cc_monitor_get_type ())
#define CC_TYPE_SIGNAL_STANCE   (cc_signal_stance_get_type ())
GType cc_event_category_get_type  (void);
GType cc_event_precision_get_type (void);
GType cc_monitor_get_type         (void);
GType cc_signal_stance_get_type   (void);

#define CC_EVENT_ERROR (cc_event_error_quark ())
typedef enum {
  CC_EVENT_ERROR_SYNTAX,
  CC_EVENT_ERROR_INVALID,
} CcEventError;
GQuark cc_event_error_quark (void);

#define CC_TYPE_EVENT (cc_event_get_type ())
G_DECLARE_FINAL_TYPE (CcEvent, cc_event, CC, EVENT, GObject)

CcEvent          *cc_event_new              (CcDate            date,
                                             CcEventPrecision  precision,
                                             const char       *title);
CcEvent          *cc_event_copy             (CcEvent          *self);
/* A stable identifier, generated when not given. */
const char       *cc_event_get_id           (CcEvent          *self);
void              cc_event_set_id           (CcEvent          *self,
                                             const char       *id);
/* For month and quarter precision, the first day of the period. */
CcDate            cc_event_get_date         (CcEvent          *self);
void              cc_event_set_date         (CcEvent          *self,
                                             CcDate            date);
CcEventPrecision  cc_event_get_precision    (CcEvent          *self);
void              cc_event_set_precision    (CcEvent          *self,
                                             CcEventPrecision  precision);
/* The period the event covers: one day, the month, or the quarter. */
void              cc_event_get_span         (CcEvent          *self,
                                             CcDate           *first,
                                             CcDate           *last);
const char       *cc_event_get_title        (CcEvent          *self);
void              cc_event_set_title        (CcEvent          *self,
                                             const char       *title);
const char       *cc_event_get_description  (CcEvent          *self);
void              cc_event_set_description  (CcEvent          *self,
                                             const char       *description);
CcEventCategory   cc_event_get_category     (CcEvent          *self);
void              cc_event_set_category     (CcEvent          *self,
                                             CcEventCategory   category);
const char * const *cc_event_get_tags       (CcEvent          *self);
void              cc_event_set_tags         (CcEvent          *self,
                                             const char * const *tags);
gboolean          cc_event_has_tag          (CcEvent          *self,
                                             const char       *tag);
/* "article", a URL, or "user". */
const char       *cc_event_get_source       (CcEvent          *self);
void              cc_event_set_source       (CcEvent          *self,
                                             const char       *source);
CcMonitor         cc_event_get_monitor      (CcEvent          *self);
CcSignalStance    cc_event_get_stance       (CcEvent          *self);
const char       *cc_event_get_signal_note  (CcEvent          *self);
void              cc_event_set_signal       (CcEvent          *self,
                                             CcMonitor         monitor,
                                             CcSignalStance    stance,
                                             const char       *note);
gboolean          cc_event_get_user         (CcEvent          *self);
void              cc_event_set_user         (CcEvent          *self,
                                             gboolean          user);
gboolean          cc_event_get_hidden       (CcEvent          *self);
void              cc_event_set_hidden       (CcEvent          *self,
                                             gboolean          hidden);
/* A label for charts: "1 Jul 2026", "May 2026", "Q1 2026" in the user's locale. */
char             *cc_event_format_when      (CcEvent          *self);

const char       *cc_event_category_to_string  (CcEventCategory category);
gboolean          cc_event_category_from_string (const char     *text,
                                                 CcEventCategory *category);
const char       *cc_event_category_get_label  (CcEventCategory category);
const char       *cc_event_precision_to_string (CcEventPrecision precision);
gboolean          cc_event_precision_from_string (const char    *text,
                                                 CcEventPrecision *precision);
const char       *cc_monitor_to_string         (CcMonitor       monitor);
gboolean          cc_monitor_from_string       (const char     *text,
                                                CcMonitor      *monitor);
const char       *cc_monitor_get_label         (CcMonitor       monitor);
const char       *cc_signal_stance_to_string   (CcSignalStance  stance);
gboolean          cc_signal_stance_from_string (const char     *text,
                                                CcSignalStance *stance);

/* Events JSON: {"version": 1, "events": [ {...}, ... ]}. Errors name @source_name and, for
 * syntax errors, the line and column; for invalid fields, the event's index and the field. */
GPtrArray        *cc_events_from_json_data  (const char       *data,
                                             gssize            length,
                                             const char       *source_name,
                                             GError          **error);
GPtrArray        *cc_events_load_file       (GFile            *file,
                                             GError          **error);
char             *cc_events_to_json_data    (GPtrArray        *events,
                                             gsize            *length);
/* Writes atomically (a temporary file renamed over the old one). */
gboolean          cc_events_save_file       (GPtrArray        *events,
                                             GFile            *file,
                                             GError          **error);
/* Moves a file that failed to load out of the way (to NAME.corrupt, NAME.corrupt-2, …) so that a
 * later save cannot overwrite what the user wrote. Returns the new file. */
GFile            *cc_events_keep_aside      (GFile            *file,
                                             GError          **error);
/* Sorts by date, then title. */
void              cc_events_sort            (GPtrArray        *events);

G_END_DECLS
