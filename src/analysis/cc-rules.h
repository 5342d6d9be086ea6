/* cc-rules.h: the assessment's rule set (a documented JSON file, see data/rules/RULES-FORMAT.md):
 * indicator ranges give weighted evidence to the three phases of the infrastructure cycle and to
 * the three scenarios. The evaluation is in cc-assessment.h. */
#pragma once

#include <gio/gio.h>

#include "cc-indicators.h"

G_BEGIN_DECLS

typedef enum {
  CC_TARGET_OVERBUILD,    /* phase 1: speculative overbuild */
  CC_TARGET_EFFICIENCY,   /* phase 2: efficiency optimisation */
  CC_TARGET_ABSORPTION,   /* phase 3: demand absorption */
  CC_TARGET_BULL,
  CC_TARGET_BASE,
  CC_TARGET_BEAR,
  CC_N_TARGETS
} CcTarget;

#define CC_TARGET_FIRST_PHASE    CC_TARGET_OVERBUILD
#define CC_TARGET_FIRST_SCENARIO CC_TARGET_BULL

const char *cc_target_to_string   (CcTarget     target);
gboolean    cc_target_from_string (const char  *text,
                                   CcTarget    *target);
/* Translated name: "Speculative overbuild", "Bull case". */
const char *cc_target_get_label   (CcTarget     target);
gboolean    cc_target_is_phase    (CcTarget     target);

#define CC_RULES_ERROR (cc_rules_error_quark ())
typedef enum {
  CC_RULES_ERROR_SYNTAX,    /* not JSON: the message has the line and column */
  CC_RULES_ERROR_INVALID,   /* JSON, but a field is wrong: the message names it */
  CC_RULES_ERROR_IO,
} CcRulesError;
GQuark cc_rules_error_quark (void);

typedef struct _CcRules CcRules;

/* The resource path of the rules shipped with the app. */
#define CC_RULES_RESOURCE_PATH "/io/github/chipcycle/ChipCycle/rules/rules.json"

CcRules    *cc_rules_new_from_data  (const char  *data,
                                     gssize       length,
                                     const char  *source_name,
                                     GError     **error);
CcRules    *cc_rules_new_from_file  (GFile       *file,
                                     GError     **error);
/* The built-in rules (never fails: they are checked by the test suite). */
CcRules    *cc_rules_new_builtin    (void);
/* $XDG_CONFIG_HOME/chipcycle/rules.json */
char       *cc_rules_get_user_path  (void);
/* The user's rules at @user_path (NULL: the default path) when that file exists and is valid;
 * the built-in rules otherwise. A user file that exists but is broken sets @user_error (the
 * built-in rules are still returned, so the caller can say why and carry on). */
CcRules    *cc_rules_load           (const char  *user_path,
                                     GError     **user_error);
CcRules    *cc_rules_ref            (CcRules     *rules);
void        cc_rules_unref          (CcRules     *rules);
gboolean    cc_rules_is_builtin     (CcRules     *rules);
/* The file the rules came from, or the resource path. */
const char *cc_rules_get_source     (CcRules     *rules);
guint       cc_rules_get_n_rules    (CcRules     *rules);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcRules, cc_rules_unref)

/* Whether @event may serve the event measures (see "qualifying_event" in RULES-FORMAT.md):
 * visible, dated to the day unless the rules allow any precision, and matching the rules'
 * categories and tags. Version 1 files get the built-in definition. */
gboolean    cc_rules_event_qualifies          (CcRules     *rules,
                                               CcEvent     *event);
/* What a qualifying event is, in plain words, to name in explanations: the file's
 * "description", or the built-in one (translated). */
const char *cc_rules_get_qualifying_description (CcRules   *rules);
/* The format version the file was written for (1 or 2). */
int         cc_rules_get_version              (CcRules     *rules);
/* For a file written for an older format: what changed and how to update it (translated);
 * NULL otherwise. Show it to the user; the rules still work. */
const char *cc_rules_get_notice               (CcRules     *rules);

G_END_DECLS
