/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "mc-fields.h"

typedef enum {
  MC_OUTPUT_HUMAN,
  MC_OUTPUT_KEYVALUE,
  MC_OUTPUT_JSON,
} McOutputType;

typedef enum {
  MC_ITEM_SINGLE,
  MC_ITEM_MULTIPLE,
  MC_ITEM_LISTITEM,
} McItemType;

typedef struct {
  McField field;
  McItemType type;
  char *value;   /* single, listitem; NULL: no value ("--") */
  char **values; /* multiple; NULL: no value */
  gboolean multiline;
  char *prefix; /* listitem */
  char *extra;  /* listitem */
} McItem;

typedef struct {
  McOutputType type;
  GPtrArray *items; /* McItem */
  FILE *stream;     /* where dumps go: stdout, or a test's buffer */
} McOutput;

McOutput *mc_output_new (McOutputType type);
void mc_output_free (McOutput *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOutput, mc_output_free)

/* "unknown" and "none" mean no value, as in mmcli. */
void mc_output_string (McOutput *out, McField field, const char *value);
void mc_output_string_take (McOutput *out, McField field, char *value);
/* A comma-separated text, one value per element. */
void mc_output_list (McOutput *out, McField field, const char *text);
void mc_output_list_take (McOutput *out, McField field, char *text);
/* A newline-separated text, one value per line. */
void mc_output_multiline (McOutput *out, McField field, const char *text);
void mc_output_multiline_take (McOutput *out, McField field, char *text);
void mc_output_array (McOutput *out, McField field, const char *const *values, gboolean multiline);
void mc_output_array_take (McOutput *out, McField field, char **values, gboolean multiline);
void mc_output_listitem (McOutput *out, McField field, const char *prefix, const char *value,
                         const char *extra);

/* Prints every item in the selected format (mc-print.c). */
void mc_output_dump (McOutput *out);
/* Prints list items of one field ("No X were found" when none). */
void mc_output_dump_list (McOutput *out, McField field);
