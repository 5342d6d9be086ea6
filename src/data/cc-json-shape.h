/* cc-json-shape.h: the check every JSON reader runs before json-glib sees a document. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How deep a document may nest: json-glib's parser is recursive, so much deeper nesting
 * would exhaust the stack. */
#define CC_JSON_MAX_DEPTH 64

/* Checks what json-glib 1.6 gets wrong or cannot survive: nesting deeper than
 * CC_JSON_MAX_DEPTH; more than one top-level value ("{}{}" or "1{}"), which it accepts
 * while leaking the values it parsed; and escapes JSON does not allow, which it turns into
 * bytes that are not UTF-8 ("\2000" into a lone 0x80), even in its error messages. Every
 * document we read is one object or array.
 *
 * Returns NULL when @data is fine; otherwise what is wrong, translated ("it has data after its
 * end"), and sets *@offset (when not NULL) to the byte where it was found. */
const char *cc_json_shape_problem (const char *data,
                                   gsize       length,
                                   gsize      *offset);

/* The length of the escape sequence at @p (a backslash, with @available bytes from there)
 * that JSON allows, or 0: one of \" \\ \/ \b \f \n \r \t, or \u with four hex digits but
 * not \u0000 (which json-glib takes as the end of the string). */
gsize       cc_json_escape_length (const char *p,
                                   gsize       available);

/* The 1-based line and column (in bytes) of byte @offset of @data. */
void        cc_json_offset_position (const char *data,
                                     gsize       offset,
                                     guint      *line,
                                     guint      *column);

G_END_DECLS
