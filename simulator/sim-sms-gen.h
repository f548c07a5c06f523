/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Made-up but well-formed SMS-DELIVER PDUs for filling the storage and
 * for bursts of incoming messages (control commands sms-fill, sms-burst). */
#pragma once

#include <glib.h>

/* Message number serial as hex PDUs (SMSC field first), appended to pdus:
 * one PDU, or two parts of one message when multipart is TRUE and the
 * serial calls for it (every tenth). Returns the number of PDUs added. The
 * sender, text, encoding and timestamp follow from serial and label, so a
 * test can predict them: see simulator/README.md. */
guint sim_sms_gen_message (guint serial, const char *label, gboolean multipart, GPtrArray *pdus);

/* How many storage entries sim_sms_gen_message needs for serials 0..n-1. */
guint sim_sms_gen_entries (guint n, gboolean multipart);
