/* cc-keys-private.h: lets a test keep its keys under a schema of its own, so that it can never
 * read, overwrite or remove a key the user stored under the application's schema. */
#pragma once

#include "cc-keys.h"

G_BEGIN_DECLS

/* The application's schema name: the `xdg:schema` attribute of every stored key. */
#define CC_KEYS_SCHEMA_NAME "io.github.chipcycle.ChipCycle.ApiKey"

/* Replaces the schema name for the rest of the process. @schema_name must differ from
 * CC_KEYS_SCHEMA_NAME; NULL restores it. For tests only. */
void        _cc_keys_set_schema_name (const char *schema_name);
const char *_cc_keys_get_schema_name (void);

G_END_DECLS
