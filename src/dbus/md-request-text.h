/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checking caller text against a rule (allowed characters and length) before
 * it becomes part of a typed request; see md-request-text.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every set is plain ASCII: a byte outside it, control characters and
 * anything above 0x7e included, is refused. */
typedef enum {
  MD_REQUEST_CHARS_DIGITS,     /* 0-9 */
  MD_REQUEST_CHARS_APN,        /* letters, digits, '-', '.', '_' */
  MD_REQUEST_CHARS_DIAL,       /* digits, '*', '#', '+' */
  MD_REQUEST_CHARS_CREDENTIAL, /* printable ASCII except '"' and '\\' */
  MD_REQUEST_CHARS_PRINTABLE,  /* printable ASCII (0x20-0x7e) */
} MdRequestChars;

typedef struct {
  const char *what; /* names the value in error messages */
  MdRequestChars chars;
  gsize min_length;
  gsize max_length;
} MdRequestTextRule;

/* Fails with MD_CORE_ERROR_INVALID_ARGS when text is NULL, has a length
 * outside the rule's bounds or a byte outside its set. The message names
 * the rule and the offending byte's position, never the text itself. */
gboolean md_request_check_text (const MdRequestTextRule *rule, const char *text, GError **error);

G_END_DECLS
