/* cc-rules-private.h: the parsed rules, for the assessment that evaluates them. */
#pragma once

#include "cc-rules.h"

G_BEGIN_DECLS

typedef struct {
  char          *id;
  CcIndicatorId  indicator;
  gboolean       has_min;
  double         min;
  gboolean       has_max;
  double         max;
  gboolean       has_equals;
  gboolean       equals;
  double         evidence[CC_N_TARGETS];
  char          *note;
} CcRule;

guint          _cc_rules_get_n           (CcRules      *rules);
const CcRule  *_cc_rules_get_rule        (CcRules      *rules,
                                          guint         index);
const double  *_cc_rules_get_prior       (CcRules      *rules);
gboolean       _cc_rule_matches          (const CcRule *rule,
                                          double        value);
/* "inside the 10–30% band", or NULL for yes/no rules. */
char          *_cc_rule_band_text        (const CcRule *rule);
/* The target as the object of a sentence: "the base case", "efficiency optimisation". */
const char    *_cc_target_get_phrase     (CcTarget      target);

G_END_DECLS
