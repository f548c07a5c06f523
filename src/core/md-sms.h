/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One SMS as ModemManager publishes it (/org/freedesktop/ModemManager1/SMS/N):
 * its properties, and the parts it was assembled from or stored as. Drivers
 * hand decoded parts (MdSmsEntry) to core; this object never sees a PDU. */
#pragma once

#include <glib-object.h>

#include "md-enums.h"

G_BEGIN_DECLS

/* A part that has no place in a storage (routed directly, or not stored). */
#define MD_SMS_NO_INDEX G_MAXUINT

/* One decoded PDU, as a driver read or received it. */
typedef struct {
  guint index; /* in storage, or MD_SMS_NO_INDEX */
  MdSmsStorage storage;
  MdSmsPduType pdu_type;
  MdSmsState state; /* RECEIVED, STORED or SENT, as the storage says */
  char *number;
  char *text;   /* NULL for a binary part */
  GBytes *data; /* the user data of a binary part, else NULL */
  char *smsc;
  char *timestamp;           /* ISO 8601, or NULL */
  char *discharge_timestamp; /* status reports */
  guint message_reference;
  MdSmsDeliveryState delivery_state; /* status reports; else UNKNOWN */
  gint class;                        /* -1: none */
  guint validity_relative;           /* minutes; 0: none */
  gboolean delivery_report_request;
  /* Concatenation (3GPP 23.040 9.2.3.24.1/.8); concat_max 0: one part. */
  guint concat_reference;
  guint concat_max;
  guint concat_sequence;
} MdSmsEntry;

MdSmsEntry *md_sms_entry_new (void);
MdSmsEntry *md_sms_entry_copy (const MdSmsEntry *part);
void md_sms_entry_free (MdSmsEntry *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSmsEntry, md_sms_entry_free)

/* What a caller asked for in Messaging.Create, already validated. */
typedef struct {
  char *number;
  char *text;              /* NULL when data is given */
  GBytes *data;            /* NULL when text is given */
  char *smsc;              /* NULL: the modem's */
  guint validity_relative; /* minutes; 0: none */
  gint class;              /* -1: none */
  gboolean delivery_report_request;
  MdSmsStorage storage; /* for Store; UNKNOWN: the default storage */
} MdSmsRequest;

void md_sms_request_free (MdSmsRequest *submit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSmsRequest, md_sms_request_free)

#define MD_TYPE_SMS (md_sms_get_type ())
G_DECLARE_FINAL_TYPE (MdSms, md_sms, MD, SMS, GObject)

/* A message created by a caller: state UNKNOWN, PDU type SUBMIT. */
MdSms *md_sms_new_submit (guint id, const char *log_name, const MdSmsRequest *submit);
/* A message from its first part (takes part). A part of a concatenated
 * message leaves it RECEIVING (or its storage state) until every part came. */
MdSms *md_sms_new_from_part (guint id, const char *log_name, MdSmsEntry *part);

guint md_sms_get_id (MdSms *self);
MdSmsState md_sms_get_state (MdSms *self);
MdSmsPduType md_sms_get_pdu_type (MdSms *self);
const char *md_sms_get_number (MdSms *self);
const char *md_sms_get_text (MdSms *self); /* "" when none */
GBytes *md_sms_get_data (MdSms *self);     /* NULL when none */
const char *md_sms_get_smsc (MdSms *self);
guint md_sms_get_validity_relative (MdSms *self);
gint md_sms_get_class (MdSms *self);
gboolean md_sms_get_delivery_report_request (MdSms *self);
guint md_sms_get_message_reference (MdSms *self);
const char *md_sms_get_timestamp (MdSms *self);
const char *md_sms_get_discharge_timestamp (MdSms *self);
MdSmsDeliveryState md_sms_get_delivery_state (MdSms *self);
MdSmsStorage md_sms_get_storage (MdSms *self);

/* The parts (MdSmsEntry*) held so far, in sequence order. */
GPtrArray *md_sms_get_parts (MdSms *self);
gboolean md_sms_is_multipart (MdSms *self);
gboolean md_sms_is_complete (MdSms *self);
guint md_sms_get_concat_reference (MdSms *self);
/* When the first part arrived (g_get_monotonic_time). */
gint64 md_sms_get_created_us (MdSms *self);
/* TRUE when one of its parts sits at index in storage. */
gboolean md_sms_has_part_at (MdSms *self, MdSmsStorage storage, guint index);
/* TRUE when one of its parts was sent with this message reference. */
gboolean md_sms_has_message_reference (MdSms *self, guint reference);

/* Adds a further part of a concatenated message (takes part). Fails with
 * MD_CORE_ERROR_INVALID_ARGS, leaving the message as it was, when the part
 * does not belong (other reference or count, sequence out of range) and
 * with MD_CORE_ERROR_EXISTS for a sequence already held. Completes the
 * text when the last part came. */
gboolean md_sms_take_part (MdSms *self, MdSmsEntry *part, GError **error);

/* Each emits "changed". */
void md_sms_set_state (MdSms *self, MdSmsState state);
void md_sms_set_stored (MdSms *self, MdSmsStorage storage, const guint *indexes, guint n_indexes);
void md_sms_set_sent (MdSms *self, const guint *references, guint n_references);
void md_sms_set_delivery (MdSms *self, MdSmsDeliveryState state, const char *discharge_timestamp);

G_END_DECLS
