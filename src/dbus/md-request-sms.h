/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messaging.Create's properties and Sms.Store's storage from callers; see
 * md-request-sms.c. */
#pragma once

#include "md-sms.h"

G_BEGIN_DECLS

/* 3GPP TS 23.040 9.1.2.5: an address has at most 20 digits. */
#define MD_REQUEST_SMS_NUMBER_MAX_LENGTH 20
/* A concatenated message has at most 255 parts (one octet counts them). */
#define MD_REQUEST_SMS_MAX_PARTS 255

/* The a{sv} of Messaging.Create as a submit (md_sms_request_free), or
 * MD_CORE_ERROR_INVALID_ARGS naming what is wrong: a missing or malformed
 * number, neither or both of 'text' and 'data', a text or data too long for
 * 255 parts, an unknown key or a value of the wrong type or range. */
MdSmsRequest *md_request_sms_create (GVariant *properties, GError **error);
/* An MdSmsStorage a caller named (UNKNOWN allowed: the default). */
gboolean md_request_check_sms_storage (guint32 storage, GError **error);

G_END_DECLS
