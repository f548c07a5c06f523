/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Completing an op's task from one AT command: run it on the primary port,
 * parse the answer with a pure parser, return the value. Most AT ops are
 * one of these three shapes. The helpers keep their own state on the task
 * under a private key, never in its task data: an op may set task data
 * before or after handing its task to them. */
#pragma once

#include "md-at-modem.h"

G_BEGIN_DECLS

#define MD_AT_TIMEOUT_SHORT_MS   3000
#define MD_AT_TIMEOUT_NETWORK_MS 30000
#define MD_AT_TIMEOUT_SCAN_MS    180000

typedef gboolean (*MdAtParseInt) (const char *response, gssize *out, GError **error);
typedef gpointer (*MdAtParsePointer) (const char *response, GError **error);

/* Returns a boolean through task: TRUE on OK. */
void md_at_op_boolean (MdModem *modem, GTask *task, const char *command, guint timeout_ms);
/* Returns parse's integer through task. */
void md_at_op_int (MdModem *modem, GTask *task, const char *command, guint timeout_ms, MdAtParseInt parse);
/* Returns parse's pointer through task, freed with destroy if unclaimed. */
void md_at_op_pointer (MdModem *modem, GTask *task, const char *command, guint timeout_ms,
                       MdAtParsePointer parse, GDestroyNotify destroy);

/* A handler the port keeps must not keep its modem (or bearer) alive: its
 * user data is a GWeakRef to the object, made by md_at_weak_ref_new and
 * freed by md_at_weak_ref_free (the handler's destroy notify). */
GWeakRef *md_at_weak_ref_new (gpointer object);
void md_at_weak_ref_free (gpointer ref);

/* Called with each successful response of a sequence. */
typedef void (*MdAtResponseFn) (MdModem *modem, guint index, const char *response, gpointer data);

/* Runs commands (NULL-terminated, static) in order; returns a boolean
 * through task. Commands that fail are skipped unless stop_on_error; a port
 * that closed or a command left unanswered always ends the sequence with
 * its error. */
void md_at_op_sequence (MdModem *modem, GTask *task, const char *const *commands, guint timeout_ms,
                        gboolean stop_on_error, MdAtResponseFn on_response, gpointer data);

G_END_DECLS
